package io.keyswitch.audit;

import io.keyswitch.compliance.ComplianceEvidence;
import io.keyswitch.compliance.Evidence;
import io.keyswitch.compliance.EvidenceScope;
import io.keyswitch.compliance.EvidenceWords;
import io.keyswitch.platform.PortalHome;
import io.keyswitch.platform.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the audit trail shows of IEC 62443-3-3 now: events per day (SR 2.8), the trail's size, oldest event and the
 * disk space left (SR 2.9), and the last scheduled chain check (SR 3.9); for one account only its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditEvidence implements ComplianceEvidence {

    static final int DAYS = 7;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    @Inject
    AuditStatistics statistics;

    @Inject
    AuditVerifications verifications;

    @Inject
    AuditChainCheck check;

    @Inject
    Clock clock;

    @Override
    public List<Evidence> measure(EvidenceScope scope) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant since = today.minusDays(DAYS - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Evidence> out = new ArrayList<>();
        out.add(new Evidence("2.8", perDay(statistics.perDay(scope.accountId(), since), today)));
        Optional<Instant> oldest = statistics.oldest(scope.accountId());
        if (scope.isAppliance()) {
            AuditStatistics.TableSize size = statistics.tableSize();
            out.add(new Evidence("2.9", storage(size, oldest.orElse(null))));
            PortalHome.path().flatMap(AuditEvidence::disk).ifPresent(text -> out.add(new Evidence("2.9", text)));
            out.add(new Evidence("3.9", chains(verifications.all(), now, check.interval())));
        } else {
            out.add(new Evidence("2.9", oldest.map(at -> "oldest event of this account: " + Formats.timeOf(at)
                    + "; nothing is deleted from the trail").orElse("this account has no events yet")));
            out.add(new Evidence("3.9", chain(verifications.last(scope.accountId()).orElse(null), now, check.interval())));
        }
        return out;
    }

    /** "events per day (UTC), last 7 days: 12-05 340 · 12-04 1,203 · … (total 2,000)", newest first, days without events 0. */
    static String perDay(Map<LocalDate, Long> counts, LocalDate today) {
        StringBuilder days = new StringBuilder();
        long total = 0;
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = today.minusDays(i);
            long n = counts.getOrDefault(day, 0L);
            total += n;
            days.append(i == 0 ? "" : " · ").append(DAY.format(day)).append(' ').append(EvidenceWords.count(n));
        }
        return "audit events per day (UTC), last " + DAYS + " days: " + days + " (total " + EvidenceWords.count(total) + ")";
    }

    /** "audit trail: 12.3 MB on disk, about 45,000 events (the database's estimate), oldest 2026-01-02 …". */
    static String storage(AuditStatistics.TableSize size, Instant oldest) {
        return "audit trail: " + Formats.bytesOf(size.bytes()) + " on disk, about " + EvidenceWords.count(size.estimatedRows())
                + " events (the database's estimate)" + (oldest == null ? ", none yet" : ", oldest " + Formats.timeOf(oldest))
                + "; nothing is deleted from the trail, no retention limit is set";
    }

    private static Optional<String> disk(Path home) {
        try {
            FileStore store = Files.getFileStore(home);
            return Optional.of(disk(store.getUsableSpace(), store.getTotalSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "disk of the portal's home: 14.2 GB free of 19.5 GB (73 %)". */
    static String disk(long usable, long total) {
        return "disk of the portal's home: " + Formats.bytesOf(usable) + " free of " + Formats.bytesOf(total) + " ("
                + (total <= 0 ? 0 : Math.round(100.0 * usable / total)) + " % free)";
    }

    /** One chain's last check, or that none ran yet. */
    static String chain(AuditVerifications.Checked last, Instant now, Duration interval) {
        String schedule = "checked every " + EvidenceWords.every(interval);
        if (last == null) {
            return "audit chain not checked by the scheduled check yet (" + schedule + ", the first an hour after the start)";
        }
        ChainVerification v = last.result();
        String when = "audit chain verified " + EvidenceWords.ago(last.at(), now) + " (" + Formats.timeOf(last.at()) + ", "
                + schedule + "): ";
        return when + (v.intact()
                ? "intact, " + EvidenceWords.of(v.eventsChecked(), "event")
                : "BROKEN at event " + v.firstBrokenEventId() + ": " + v.problem());
    }

    /** Every chain's last check: how many are intact, which are broken, when the oldest result is from. */
    static String chains(List<AuditVerifications.Checked> all, Instant now, Duration interval) {
        if (all.isEmpty()) {
            return chain(null, now, interval);
        }
        Instant oldest = all.stream().map(AuditVerifications.Checked::at).min(Instant::compareTo).orElseThrow();
        long events = all.stream().mapToLong(c -> c.result().eventsChecked()).sum();
        List<String> broken = all.stream().filter(c -> !c.result().intact())
                .map(c -> AuditVerifications.chainName(c.chainKey()) + " at event " + c.result().firstBrokenEventId()
                        + " (" + c.result().problem() + ")").toList();
        String head = "audit chains verified " + EvidenceWords.ago(oldest, now) + " (" + Formats.timeOf(oldest)
                + ", checked every " + EvidenceWords.every(interval) + "): ";
        return head + (broken.isEmpty()
                ? "all " + all.size() + " intact, " + EvidenceWords.of(events, "event")
                : broken.size() + " of " + all.size() + " BROKEN: " + String.join("; ", broken));
    }
}
