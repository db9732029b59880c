package io.keyswitch.platform;

import io.keyswitch.security.FirstAdministrator;
import io.keyswitch.setup.SetupWizard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Runs once when the portal is deployed: migrate the schema, then make sure someone can log in (or can set up the appliance). */
@ApplicationScoped
public class PortalStartup {

    @Inject
    DatabaseMigration migration;

    @Inject
    FirstAdministrator firstAdministrator;

    @Inject
    SetupWizard setupWizard;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        migration.migrate();
        firstAdministrator.ensureOne();
        setupWizard.prepare();
    }
}
