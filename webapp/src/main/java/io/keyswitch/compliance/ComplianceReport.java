package io.keyswitch.compliance;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The IEC 62443-3-3 report: every system requirement of docs/secure/iec62443.md with its status and how it is met,
 * and the evidence every {@link ComplianceEvidence} source measures now. A system administrator
 * ({@value Rights#ACCOUNT_MANAGE}) gets the appliance with every account; an account's auditor or administrator
 * ({@value Rights#AUDIT_VIEW}) gets their own account's evidence only. The rows are what the page, the API and an
 * export (PDF) show alike.
 */
@ApplicationScoped
public class ComplianceReport {

    private static final Logger LOG = Logger.getLogger(ComplianceReport.class.getName());

    /** A source slower than this is logged: the page asks every source each time it opens. */
    private static final long SLOW_MS = 200;

    /** The mapping does not change while the portal runs: it is the file in the WAR. */
    private static final List<SystemRequirement> MAPPING = Iec62443Mapping.packaged();

    @Inject
    @Any
    Instance<ComplianceEvidence> sources;

    @Inject
    Clock clock;

    /** One requirement with the evidence measured for it (empty where nothing is measured). */
    public record Row(SystemRequirement requirement, List<String> evidence) {
    }

    /**
     * The report as measured at {@code measuredAt}, for {@code scope}; {@code problems} names the sources that could
     * not measure (logged with their cause), so that a missing measurement is never silent.
     */
    public record Report(EvidenceScope scope, Instant measuredAt, List<Row> rows, List<String> problems) {

        /** The rows that are the operator's duty, outside the appliance. */
        public List<Row> operatorDuties() {
            return rows.stream().filter(r -> r.requirement().status() == RequirementStatus.OPERATOR).toList();
        }
    }

    /**
     * The report the actor may see: the appliance's for a system administrator, else their account's.
     *
     * @throws io.keyswitch.platform.Forbidden without {@value Rights#AUDIT_VIEW} (or {@value Rights#ACCOUNT_MANAGE})
     */
    public Report of(Actor actor) {
        actor.requireAny(Rights.AUDIT_VIEW, Rights.ACCOUNT_MANAGE);
        EvidenceScope scope = actor.rights().test(Rights.ACCOUNT_MANAGE)
                ? EvidenceScope.appliance() : EvidenceScope.account(actor.accountId());
        return of(scope);
    }

    private Report of(EvidenceScope scope) {
        Instant now = clock.instant();
        Map<String, List<String>> measured = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ComplianceEvidence source : sources) {
            try {
                long started = System.nanoTime();
                for (Evidence e : source.measure(scope)) {
                    measured.computeIfAbsent(e.requirement(), k -> new ArrayList<>()).add(e.text());
                }
                long ms = (System.nanoTime() - started) / 1_000_000;
                if (ms >= SLOW_MS) {
                    LOG.info(() -> "Compliance evidence " + name(source) + " took " + ms + " ms (" + scope + ")");
                }
            } catch (RuntimeException e) {
                // a source that fails is named instead of taking the page down
                LOG.log(Level.WARNING, "Compliance evidence " + name(source) + " failed", e);
                problems.add(name(source) + " could not measure; the portal's log has the cause");
            }
        }
        List<Row> rows = MAPPING.stream()
                .map(r -> new Row(r, List.copyOf(measured.getOrDefault(r.id(), List.of())))).toList();
        return new Report(scope, now, rows, List.copyOf(problems));
    }

    /** The source's class name without the container's proxy suffix. */
    private static String name(ComplianceEvidence source) {
        return source.getClass().getSimpleName().replaceAll("\\$.*", "");
    }
}
