package io.keyswitch.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Runs once when the portal is deployed, before anything else observes the start: migrates the schema, then fires
 * {@link PortalStarted}, whose observers are the features' start-up steps in {@link StartupOrder}. It is the only
 * observer of the application scope's start, so that no step can run against a schema not yet migrated.
 */
@ApplicationScoped
public class PortalStartup {

    @Inject
    DatabaseMigration migration;

    @Inject
    Event<PortalStarted> started;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object event) {
        migration.migrate();
        started.fire(new PortalStarted());
    }
}
