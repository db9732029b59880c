package io.keyswitch.security.internal;

import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.jail.JailSettings;
import io.keyswitch.jail.LoginJail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Makes the one {@link LoginJail} of this portal from the {@code keyswitch.jail.*} settings
 * ({@link JailSettings}); the jail logs the policy in force when it is made. An unusable value
 * fails the deployment with the key's name.
 */
@ApplicationScoped
public class JailProducer {

    @Inject
    Clock clock;

    @Inject
    AuditingJailListener listener;

    @Produces
    @ApplicationScoped
    LoginJail loginJail() {
        return LoginJail.create(JailSettings.from(SettingsReader.portalLookup()), clock, listener);
    }

    /**
     * Makes the jail and the other login services at deployment, so that their settings are in
     * the start-up log and an unusable value fails the start rather than the first login. Runs
     * after the database migration, first of the start-up steps; touches no table.
     */
    void atStart(@Observes @Priority(StartupOrder.LOGIN) PortalStarted started,
            LoginJail jail,
            io.keyswitch.security.TotpAuthenticator totp, io.keyswitch.security.SecondFactorPolicy policy,
            io.keyswitch.security.LoginNotice notice,
            io.keyswitch.security.EmailLinkAuthenticator mailLinks) {
        jail.activeBans();
        totp.settings();
        policy.applianceRequired();
        notice.startValue();
        mailLinks.publicUrl();
    }
}
