package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.PdfReader;
import io.keyswitch.platform.pdf.TablePdf;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A scheduled report's file under the attachment size limit")
class LimitedFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a PDF within the limit is written whole and reads back")
    void pdfWithin() throws Exception {
        Path file = dir.resolve("small.pdf");

        boolean written = LimitedFile.write(file, 1024 * 1024, out -> pdf(out, 20));

        assertThat(written).isTrue();
        assertThat(new PdfReader(Files.readAllBytes(file)).getNumberOfPages()).isOne();
    }

    @Test
    @DisplayName("a PDF past the limit is stopped at the limit (OpenPDF's wrapped refusal is recognised), the file no larger")
    void pdfPast() throws Exception {
        Path file = dir.resolve("large.pdf");

        boolean written = LimitedFile.write(file, 20 * 1024, out -> pdf(out, 5000));

        assertThat(written).isFalse();
        assertThat(Files.size(file)).isLessThanOrEqualTo(20 * 1024);
    }

    @Test
    @DisplayName("a CSV past the limit is stopped too, through an UncheckedIOException")
    void csvPast() throws Exception {
        Path file = dir.resolve("large.csv");

        boolean written = LimitedFile.write(file, 4096, out -> {
            try {
                CSVPrinter csv = CSVFormat.RFC4180.print(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                for (int i = 0; i < 10_000; i++) {
                    csv.printRecord(i, "row " + i);
                    csv.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(written).isFalse();
        assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
    }

    @Test
    @DisplayName("any other failure of the writer is not taken for 'too large': it goes on to the caller")
    void otherFailure() {
        assertThatThrownBy(() -> LimitedFile.write(dir.resolve("x.csv"), 4096, out -> {
            throw new IllegalStateException("the database went away");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the database went away");
    }

    private static void pdf(OutputStream out, int rows) {
        try (TablePdf pdf = TablePdf.start(out, "Work reports", Map.of("Period", "November 2026"), "made by a test")) {
            TablePdf.Table table = pdf.table(new float[] {1, 4}, "Row", "What was done");
            for (int i = 0; i < rows; i++) {
                table.row(String.valueOf(i), "Replaced the drive of press " + i + " and tested it under load");
            }
            table.end();
        }
    }
}
