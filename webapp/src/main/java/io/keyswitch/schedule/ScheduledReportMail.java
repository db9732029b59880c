package io.keyswitch.schedule;

import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.mail.MailAttachment;
import io.keyswitch.mail.MailSender;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportColumn;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportKinds;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportTotals;
import io.keyswitch.report.ReportWriter;
import io.keyswitch.security.EmailLinkAuthenticator;
import io.keyswitch.user.UserActors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One attempt of a scheduled run: the report written for its period with its owner's rights as they are now (refused:
 * the run fails with that reason and nothing is mailed), as PDF and/or CSV into temporary files (never in memory; a
 * file that grows past {@code keyswitch.report-schedules.max-attachment-kib} is stopped and the mail says where to get
 * the report instead), mailed to the recipients, the files deleted. A mail that cannot go is retried later.
 */
@ApplicationScoped
public class ScheduledReportMail {

    private static final Logger LOG = Logger.getLogger(ScheduledReportMail.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    @Inject
    ScheduleRuns runs;

    @Inject
    UserActors actors;

    @Inject
    ReportKinds kinds;

    @Inject
    ReportWriter writer;

    @Inject
    MailSender mail;

    @Inject
    ApplianceSettings appliance;

    @Inject
    EmailLinkAuthenticator links;

    @Inject
    Clock clock;

    /** Attempts the run {@code runId} if it is still pending. */
    public void attempt(long runId, ScheduleSettings settings) {
        runs.take(runId).ifPresent(job -> attempt(job, settings));
    }

    private void attempt(ScheduleRuns.Job job, ScheduleSettings settings) {
        UserActors.Standing owner = actors.of(job.ownerId(), "scheduled report " + job.name(), null, clock.instant());
        if (owner.actor() == null) {
            runs.failed(job, "Not sent: " + owner.refusal() + ".");
            return;
        }
        Actor actor = owner.actor();
        ReportKind kind = kinds.find(job.kind()).orElse(null);
        if (kind == null) {
            runs.failed(job, "Not sent: this portal has no report '" + job.kind() + "' any more.");
            return;
        }
        if (!kind.allowedFor(actor)) {
            runs.failed(job, "Not sent: " + actor.name() + " may no longer run the report '" + kind.title() + "'.");
            return;
        }
        ReportFilter filter = ScheduleForm.filterOf(job.filterJson()).withPeriod(job.from(), job.to());
        List<Path> files = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        try {
            Map<String, String> described = kind.describe(actor, filter);
            List<MailAttachment> attachments = new ArrayList<>();
            boolean tooLarge = false;
            String base = fileName(job);
            Counting counted = new Counting(kind);
            if (job.pdf()) {
                Path pdf = temp(files, ".pdf");
                tooLarge = !LimitedFile.write(pdf, settings.maxAttachmentBytes(), out -> writer.pdf(counted, actor, filter, out));
                attachments.add(new MailAttachment(base + ".pdf", "application/pdf", pdf));
            }
            if (job.csv() && !tooLarge) {
                Path csv = temp(files, ".csv");
                Counting csvRows = new Counting(kind);
                tooLarge = !LimitedFile.write(csv, settings.maxAttachmentBytes() - size(files, csv), out -> {
                    try {
                        writer.csv(csvRows, actor, filter, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                counted.rows.set(Math.max(counted.rows.get(), csvRows.rows.get()));
                attachments.add(new MailAttachment(base + ".csv", "text/csv; charset=UTF-8", csv));
            }
            rows = counted.rows.get();
            for (Path f : files) {
                bytes += Files.size(f);
            }
            String note = tooLarge ? "too large to attach (over " + Formats.bytesOf(settings.maxAttachmentBytes()) + ")" : null;
            mail.send(String.join(", ", job.recipients()), subject(job, kind), text(job, kind, described, rows, attachments,
                    note, settings), tooLarge ? List.of() : attachments);
            runs.sent(job, tooLarge ? -1 : rows, bytes, note);
        } catch (Forbidden | NotFound | ValidationFailed refused) {
            runs.failed(job, "Not sent: " + words(refused) + ".");
        } catch (IOException | RuntimeException e) {
            LOG.warning("Scheduled report run " + job.runId() + " (schedule " + job.scheduleId() + ") not sent, tried again later: "
                    + e.getMessage());
            runs.retry(job, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), rows, bytes, settings);
        } finally {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.warning("A scheduled report's temporary file could not be deleted: " + f + ": " + e.getMessage());
                }
            }
        }
    }

    private static long size(List<Path> files, Path except) throws IOException {
        long n = 0;
        for (Path f : files) {
            if (!f.equals(except)) {
                n += Files.size(f);
            }
        }
        return n;
    }

    private static Path temp(List<Path> files, String suffix) throws IOException {
        Path f = Files.createTempFile("keyswitch-report-", suffix); // 0600 on POSIX
        files.add(f);
        return f;
    }

    private static String fileName(ScheduleRuns.Job job) {
        LocalDate first = job.from().atZone(job.zone()).toLocalDate();
        LocalDate last = job.to().atZone(job.zone()).toLocalDate().minusDays(1);
        return job.kind() + "-" + first + (last.equals(first) ? "" : "_" + last);
    }

    private static String period(ScheduleRuns.Job job) {
        LocalDate first = job.from().atZone(job.zone()).toLocalDate();
        LocalDate last = job.to().atZone(job.zone()).toLocalDate().minusDays(1);
        return (last.equals(first) ? DAY.format(first) : DAY.format(first) + " – " + DAY.format(last)) + " (" + job.zone().getId()
                + ")";
    }

    static String subject(ScheduleRuns.Job job, ReportKind kind) {
        return kind.title() + ": " + job.name() + ", " + period(job);
    }

    private String text(ScheduleRuns.Job job, ReportKind kind, Map<String, String> described, long rows,
                        List<MailAttachment> attachments, String note, ScheduleSettings settings) throws IOException {
        String base = links.publicUrl() != null ? links.publicUrl() : appliance.publicUrl().orElse("https://<portal>/");
        StringBuilder t = new StringBuilder();
        t.append("The scheduled report \"").append(job.name()).append("\" (").append(kind.title()).append(") for ")
                .append(period(job)).append(".\n\n");
        described.forEach((k, v) -> t.append(k).append(": ").append(v).append('\n'));
        if (note == null) {
            t.append("Rows: ").append(rows).append("\nAttached: ");
            List<String> names = new ArrayList<>();
            for (MailAttachment a : attachments) {
                names.add(a.name() + " (" + Formats.bytesOf(Files.size(a.file())) + ")");
            }
            t.append(String.join(", ", names)).append('\n');
        } else {
            String query = ScheduleForm.parametersOf(job.filterJson()).entrySet().stream()
                    .map(e -> "&" + e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining());
            String range = "from=" + job.from() + "&to=" + job.to() + query;
            t.append("\nThe report is too large to attach (over ").append(Formats.bytesOf(settings.maxAttachmentBytes()))
                    .append("), so it is not attached. Get it from the report page:\n  ").append(base).append("reports.xhtml?kind=")
                    .append(job.kind()).append('&').append(range).append("\nor from the API with an API token:\n  GET ")
                    .append(base).append("api/v1/reports/").append(job.kind()).append("/csv?").append(range).append('\n');
        }
        t.append("\nWritten with the rights of the schedule's owner. Change or stop this mail on the page \"Scheduled reports\": ")
                .append(base).append("report-schedules.xhtml\n");
        return t.toString();
    }

    private static String words(RuntimeException refused) {
        if (refused instanceof ValidationFailed v) {
            return String.join("; ", v.fieldErrors().values());
        }
        return refused.getMessage();
    }

    /** The kind, counting the rows its pages give (the run's row count). */
    private static final class Counting implements ReportKind {
        private final ReportKind kind;
        final AtomicLong rows = new AtomicLong();

        Counting(ReportKind kind) {
            this.kind = kind;
        }

        @Override
        public String name() {
            return kind.name();
        }

        @Override
        public String title() {
            return kind.title();
        }

        @Override
        public boolean allowedFor(Actor actor) {
            return kind.allowedFor(actor);
        }

        @Override
        public Map<String, String> describe(Actor actor, ReportFilter filter) {
            return kind.describe(actor, filter);
        }

        @Override
        public List<ReportColumn> columns() {
            return kind.columns();
        }

        @Override
        public ReportPage page(Actor actor, ReportFilter filter, String after, int size) {
            ReportPage page = kind.page(actor, filter, after, size);
            rows.addAndGet(page.rows().size());
            return page;
        }

        @Override
        public List<ReportTotals> totals(Actor actor, ReportFilter filter) {
            return kind.totals(actor, filter);
        }
    }
}
