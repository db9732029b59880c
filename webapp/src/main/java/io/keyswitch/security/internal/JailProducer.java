package io.keyswitch.security.internal;

import io.keyswitch.platform.SettingsReader;
import io.keyswitch.security.jail.JailSettings;
import io.keyswitch.security.jail.LoginJail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
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
     * after the other start-up observers (the database migration); touches no table.
     */
    void atStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) @Initialized(ApplicationScoped.class) Object started,
            LoginJail jail,
            io.keyswitch.security.TotpAuthenticator totp, io.keyswitch.security.SecondFactorPolicy policy,
            io.keyswitch.security.web.SessionRegistry sessions, io.keyswitch.security.web.LoginNotice notice,
            io.keyswitch.security.EmailLinkAuthenticator mailLinks) {
        jail.activeBans();
        totp.settings();
        policy.applianceRequired();
        sessions.count(0);
        notice.startValue();
        mailLinks.publicUrl();
    }
}
