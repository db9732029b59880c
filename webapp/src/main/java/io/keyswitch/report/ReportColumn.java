package io.keyswitch.report;

/** A report's column: its heading (page, CSV header, PDF) and its share of the PDF table's width. */
public record ReportColumn(String heading, float width) {

    public static ReportColumn of(String heading, float width) {
        return new ReportColumn(heading, width);
    }
}
