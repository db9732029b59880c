package io.keyswitch.workreport;

import io.keyswitch.platform.CsvCells;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.pdf.TablePdf;
import io.keyswitch.platform.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Work reports written out for invoicing, the same for the pages and the API: a list as CSV (UTF-8, RFC 4180, one
 * column per field of the account's own) or PDF (its filters on the first page, minutes summed at the end), one report
 * as PDF with every version. Lists are read {@value #PAGE} reports at a time after the last id and written out before
 * the next read, as the data point history's CSV is, so an export of any size never sits in memory whole. The caller
 * checks what can fail (rights, the report's existence) before the first byte.
 */
@ApplicationScoped
public class WorkReportExport {

    /** Reports one read of an export holds. */
    static final int PAGE = 500;

    static final List<String> COLUMNS = List.of("id", "connection", "technician", "device", "project", "connected at",
            "closed at", "state", "order number", "what was done", "set-up minutes", "travel minutes", "working minutes",
            "written at", "correctable until", "versions");

    @Inject
    WorkReports reports;

    @Inject
    WorkReportRules rules;

    @Inject
    Clock clock;

    /** The list as CSV: the fixed columns, then one per field of the account's own, then "other fields" (deleted ones). */
    public void csv(Actor actor, WorkReportQuery query, OutputStream out) throws IOException {
        List<String> fields = rules.fields(actor.accountId()).stream().map(ExtraField::getName).toList();
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(fields);
        header.add("other fields");
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(writer);
        long after = 0;
        List<WorkReport> page;
        do {
            page = reports.after(actor, query, after, PAGE);
            for (WorkReport r : page) {
                List<Object> row = new ArrayList<>(List.of(r.getId(), r.getConnectionId(), r.getUserName(), r.getDeviceName(),
                        text(r.getProjectName()), text(r.getOpenedAt()), text(r.getClosedAt()), state(r),
                        text(r.getOrderNumber()), text(r.getWhatWasDone()), text(r.getSetupMinutes()),
                        text(r.getTravelMinutes()), text(r.getWorkingMinutes()), text(r.getWrittenAt()),
                        text(r.getEditUntil()), r.getVersions()));
                List<FieldValue> values = r.fieldValues();
                fields.forEach(f -> row.add(text(FieldValue.valueOf(values, f))));
                row.add(values.stream().filter(v -> !fields.contains(v.name())).map(v -> v.name() + "=" + v.value())
                        .collect(Collectors.joining("; ")));
                csv.printRecord(row.stream().map(CsvCells::cell).toList());
            }
            csv.flush();
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).getId();
            }
        } while (page.size() == PAGE);
        csv.flush();
    }

    /** The list as PDF: the filters on the first page, a row per report, the minutes summed in the last row. */
    public void pdf(Actor actor, WorkReportQuery query, OutputStream out) {
        try (TablePdf pdf = TablePdf.start(out, "Work reports", reports.describe(actor, query), made(actor))) {
            TablePdf.Table table = pdf.table(new float[] {2.2f, 1.6f, 1.8f, 1.6f, 1.4f, 5, 0.9f, 0.9f, 0.9f, 1.2f},
                    "Connection closed", "Technician", "Device", "Project", "Order number", "What was done",
                    "Set-up min", "Travel min", "Working min", "State");
            long setup = 0;
            long travel = 0;
            long working = 0;
            int count = 0;
            long after = 0;
            List<WorkReport> page;
            do {
                page = reports.after(actor, query, after, PAGE);
                for (WorkReport r : page) {
                    table.row(Formats.timeOf(r.getClosedAt()), r.getUserName(), r.getDeviceName(), r.getProjectName(),
                            r.getOrderNumber(), r.getWhatWasDone(), text(r.getSetupMinutes()), text(r.getTravelMinutes()),
                            text(r.getWorkingMinutes()), state(r));
                    setup += minutes(r.getSetupMinutes());
                    travel += minutes(r.getTravelMinutes());
                    working += minutes(r.getWorkingMinutes());
                    count++;
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).getId();
                }
            } while (page.size() == PAGE);
            if (count > 0) {
                table.row("Total: " + count + " report(s)", null, null, null, null, null, String.valueOf(setup),
                        String.valueOf(travel), String.valueOf(working), null);
            }
            table.end();
        }
    }

    /** One report as PDF: the connection, what was written (with the account's fields), and every version. */
    public void pdf(Actor actor, long id, OutputStream out) {
        WorkReport r = reports.visible(actor, id);
        List<WorkReportVersion> versions = reports.versions(actor, id);
        try (TablePdf pdf = TablePdf.start(out, "Work report " + r.getId() + ": " + r.getDeviceName(),
                Map.of("Connection", "#" + r.getConnectionId()), made(actor))) {
            pdf.heading("Connection");
            pdf.details(List.of(Map.entry("Technician", r.getUserName()), Map.entry("Device", r.getDeviceName()),
                    Map.entry("Project", text(r.getProjectName())), Map.entry("Connected", Formats.timeOf(r.getOpenedAt())
                            + " to " + Formats.timeOf(r.getClosedAt()) + " (" + Formats.durationOf(r.connectedFor()) + ")")));
            pdf.heading("Report (" + state(r) + ")");
            List<Map.Entry<String, String>> written = new ArrayList<>(List.of(
                    Map.entry("What was done", text(r.getWhatWasDone())), Map.entry("Order number", text(r.getOrderNumber())),
                    Map.entry("Set-up time", minutesText(r.getSetupMinutes())),
                    Map.entry("Travel time", minutesText(r.getTravelMinutes())),
                    Map.entry("Working time", minutesText(r.getWorkingMinutes()))));
            r.fieldValues().forEach(v -> written.add(Map.entry(v.name(), v.value())));
            pdf.details(written);
            pdf.heading("Versions");
            TablePdf.Table table = pdf.table(new float[] {0.6f, 2, 2, 6}, "Version", "Written at", "By", "What was done");
            versions.forEach(v -> table.row(String.valueOf(v.getNumber()), Formats.timeOf(v.getWrittenAt()), v.getAuthorName(),
                    v.getWhatWasDone()));
            table.end();
        }
    }

    /** The report's state in words: open, correctable until …, final. */
    public String state(WorkReport r) {
        if (r.getState() == ReportState.OPEN) {
            return "open";
        }
        return r.isFinal(clock.instant()) ? "final" : "correctable until " + Formats.timeOf(r.getEditUntil());
    }

    private String made(Actor actor) {
        return "Made " + Formats.timeOf(clock.instant()) + " by " + actor.name() + " (Keyswitch)";
    }

    private static long minutes(Integer m) {
        return m == null ? 0 : m;
    }

    private static String minutesText(Integer m) {
        return m == null ? "" : m + " min";
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
