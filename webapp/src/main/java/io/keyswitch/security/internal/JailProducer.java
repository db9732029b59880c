package io.keyswitch.security.internal;

import io.keyswitch.security.jail.JailSettings;
import io.keyswitch.security.jail.LoginJail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
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
        return LoginJail.create(JailSettings.from(PortalSettings.lookup()), clock, listener);
    }

    /** Makes the jail at deployment, so its policy is in the start-up log and a bad setting fails the start. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started, LoginJail jail) {
        jail.activeBans();
    }
}
