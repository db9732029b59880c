package io.keyswitch.report;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every {@link ReportKind} the portal has, found by name: the one place pages, the API and schedules look them up. */
@ApplicationScoped
public class ReportKinds {

    @Inject
    Instance<ReportKind> kinds;

    /** Every kind, by title. */
    public List<ReportKind> all() {
        return kinds.stream().sorted(Comparator.comparing(ReportKind::title)).toList();
    }

    /** The kinds {@code actor} may run, by title. */
    public List<ReportKind> allowedFor(Actor actor) {
        return all().stream().filter(k -> k.allowedFor(actor)).toList();
    }

    /** The kind called {@code name}, if there is one. */
    public Optional<ReportKind> find(String name) {
        return kinds.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * The kind called {@code name}, to be run by {@code actor}: {@link NotFound} (404) when there is none,
     * {@link Forbidden} (403) when the actor may not run it.
     */
    public ReportKind runnable(Actor actor, String name) {
        ReportKind kind = named(name);
        if (!kind.allowedFor(actor)) {
            throw Forbidden.because("You may not run the report " + name + ".");
        }
        return kind;
    }

    /** The kind called {@code name}; {@link NotFound} (404) when there is none. */
    public ReportKind named(String name) {
        return find(name).orElseThrow(() -> new NotFound("report " + name));
    }
}
