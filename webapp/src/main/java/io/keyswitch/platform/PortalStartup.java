package io.keyswitch.platform;

import io.keyswitch.mail.MailSettingsStore;
import io.keyswitch.security.FirstAdministrator;
import io.keyswitch.setup.SetupWizard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs once when the portal is deployed: migrate the schema, make sure someone can log in (or can set
 * up the appliance), and encrypt an SMTP password an earlier version kept in clear.
 */
@ApplicationScoped
public class PortalStartup {

    @Inject
    DatabaseMigration migration;

    @Inject
    FirstAdministrator firstAdministrator;

    @Inject
    MailSettingsStore mailSettings;

    @Inject
    SetupWizard setupWizard;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        migration.migrate();
        firstAdministrator.ensureOne();
        mailSettings.encryptClearPassword();
        setupWizard.prepare();
    }
}
