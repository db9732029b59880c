package io.keyswitch.platform.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A table PDF")
class TablePdfTest {

    @Test
    @DisplayName("has its title and filters on the first page, its table across pages with the header repeated, and page numbers")
    void titledTableAcrossPages() throws Exception {
        // Arrange
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("Device", "Press 12");
        filters.put("Period", "2026-12-01 to 2026-12-31");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // Act
        try (TablePdf pdf = TablePdf.start(out, "Work reports", filters, "made 2026-12-05 10:00 UTC by alpha/anna")) {
            pdf.heading("Reports");
            TablePdf.Table table = pdf.table(new float[] {1, 3}, "Device", "What was done");
            for (int i = 1; i <= 150; i++) {
                table.row("Press " + i, "Replaced battery " + i);
            }
            table.end();
            pdf.heading("One report");
            pdf.details(List.of(Map.entry("Order number", "SO-4711")));
        }

        // Assert
        PdfReader reader = new PdfReader(out.toByteArray());
        int pages = reader.getNumberOfPages();
        PdfTextExtractor text = new PdfTextExtractor(reader);
        String first = words(text.getTextFromPage(1));
        String second = words(text.getTextFromPage(2));
        String last = words(text.getTextFromPage(pages));
        assertThat(pages).isGreaterThan(2);
        assertThat(first).contains("Work reports").contains("Device").contains("Press 12").contains("2026-12-01 to 2026-12-31")
                .contains("alpha/anna").contains("Page 1 of " + pages);
        assertThat(second).as("the header row again on the next page").contains("What was done").contains("Page 2 of " + pages);
        assertThat(last).contains("Replaced battery 150").contains("SO-4711").contains("Page " + pages + " of " + pages);
    }

    @Test
    @DisplayName("says 'none' for a table without rows and for no filters")
    void emptyTable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (TablePdf pdf = TablePdf.start(out, "Nothing", Map.of(), "made now")) {
            pdf.table(new float[] {1, 1}, "A", "B").end();
        }

        String page = words(new PdfTextExtractor(new PdfReader(out.toByteArray())).getTextFromPage(1));
        assertThat(page).contains("Filters").contains("none").contains("Page 1 of 1");
    }

    /** The page's text with every run of blanks and line breaks as one space (the page count is set apart). */
    static String words(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
