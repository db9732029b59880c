package io.keyswitch.platform.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.Closeable;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A PDF the portal hands out, in one shape: A4 landscape, a title with the filters the document was made with on its
 * first page, then sections (a heading, a two-column list of label and value, a table); tables break across pages with
 * their header row repeated, and every page says "Page n of m" at its foot. Rows are written out as they come (every
 * {@value #FLUSH_ROWS}), so a table of any length is never held whole: callers read their rows page by page. Text is
 * set in Helvetica (Windows-1252): characters beyond it are left out.
 *
 * <pre>{@code
 * try (TablePdf pdf = TablePdf.start(out, "Work reports", Map.of("Period", "2026-12"), "made 2026-12-05 by alpha/anna")) {
 *     TablePdf.Table t = pdf.table(new float[] {2, 3, 1}, "Device", "What was done", "Minutes");
 *     t.row("Press 12", "Replaced the PLC's battery", "30");
 *     t.end();
 * }
 * }</pre>
 */
public final class TablePdf implements Closeable {

    /** Rows of a table are written out after this many. */
    static final int FLUSH_ROWS = 50;

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
    private static final Font NORMAL = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7, Font.NORMAL, Color.DARK_GRAY);
    private static final Color HEADER_FILL = new Color(0xE8, 0xEC, 0xF0);

    private final Document document;

    private TablePdf(Document document) {
        this.document = document;
    }

    /**
     * A document written to {@code out} (not closed by it): {@code title}, a line saying when and by whom it was made,
     * and the {@code filters} it shows, in their order ("Device: Press 12"; none: "Filters: none").
     */
    public static TablePdf start(OutputStream out, String title, Map<String, String> filters, String madeLine) {
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 48);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setCloseStream(false);
            writer.setPageEvent(new PageNumbers());
            document.addTitle(title);
            document.addCreator("Keyswitch");
            document.open();
            document.add(new Paragraph(title, TITLE));
            document.add(new Paragraph(madeLine, SMALL));
            PdfPTable shown = new PdfPTable(new float[] {1, 5});
            shown.setWidthPercentage(60);
            shown.setHorizontalAlignment(Element.ALIGN_LEFT);
            shown.setSpacingBefore(8);
            if (filters.isEmpty()) {
                shown.addCell(plain("Filters", BOLD));
                shown.addCell(plain("none", NORMAL));
            }
            filters.forEach((label, value) -> {
                shown.addCell(plain(label, BOLD));
                shown.addCell(plain(value, NORMAL));
            });
            document.add(shown);
        } catch (DocumentException e) {
            throw new IllegalStateException("The PDF could not be started: " + e.getMessage(), e);
        }
        return new TablePdf(document);
    }

    /** A heading before the next section (on a new line, with space above). */
    public void heading(String text) {
        Paragraph p = new Paragraph(text, HEADING);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        add(p);
    }

    /** A two-column list: each label with its value (multi-line values keep their lines). */
    public void details(List<Map.Entry<String, String>> pairs) {
        PdfPTable t = new PdfPTable(new float[] {1, 4});
        t.setWidthPercentage(100);
        for (Map.Entry<String, String> pair : pairs) {
            t.addCell(plain(pair.getKey(), BOLD));
            t.addCell(plain(pair.getValue(), NORMAL));
        }
        add(t);
    }

    /** A table with these column widths (relative) and header texts; its rows follow, then {@link Table#end}. */
    public Table table(float[] widths, String... headers) {
        return new Table(widths, headers);
    }

    /** One table being written: rows go out every {@value #FLUSH_ROWS}; the header row is repeated on each page. */
    public final class Table {
        private final PdfPTable table;
        private int pending;
        private boolean any;

        private Table(float[] widths, String... headers) {
            table = new PdfPTable(widths);
            table.setWidthPercentage(100);
            table.setSpacingBefore(6);
            table.setHeaderRows(1);
            table.setComplete(false);
            for (String h : headers) {
                PdfPCell cell = plain(h, BOLD);
                cell.setBackgroundColor(HEADER_FILL);
                table.addCell(cell);
            }
        }

        /** One row, a cell per column (null: empty). */
        public Table row(String... cells) {
            for (String c : cells) {
                table.addCell(plain(c, NORMAL));
            }
            any = true;
            if (++pending >= FLUSH_ROWS) {
                add(table);
                pending = 0;
            }
            return this;
        }

        /** The table is complete: its last rows go out ("none" in one row when it had none). */
        public void end() {
            if (!any) {
                PdfPCell none = plain("none", NORMAL);
                none.setColspan(table.getNumberOfColumns());
                table.addCell(none);
            }
            table.setComplete(true);
            add(table);
        }
    }

    /** Ends the document (the total page count is written into every page's foot); the stream stays open. */
    @Override
    public void close() {
        document.close();
    }

    private void add(Element e) {
        try {
            document.add(e);
        } catch (DocumentException ex) {
            throw new IllegalStateException("The PDF could not be written: " + ex.getMessage(), ex);
        } catch (com.lowagie.text.ExceptionConverter ex) {
            if (ex.getException() instanceof java.io.IOException io) {
                throw new UncheckedIOException(io);
            }
            throw ex;
        }
    }

    private static PdfPCell plain(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setPadding(3);
        cell.setBorderColor(Color.LIGHT_GRAY);
        return cell;
    }

    /** "Page n of m" at each page's foot; m is written into a template when the document closes. */
    private static final class PageNumbers extends PdfPageEventHelper {
        private PdfTemplate total;
        private BaseFont font;

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
            font = NORMAL.getCalculatedBaseFont(false);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            String text = "Page " + writer.getPageNumber() + " of ";
            float x = document.right() - 60;
            float y = document.bottom() - 24;
            cb.beginText();
            cb.setFontAndSize(font, 8);
            cb.setTextMatrix(x, y);
            cb.showText(text);
            cb.endText();
            cb.addTemplate(total, x + font.getWidthPoint(text, 8), y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            total.beginText();
            total.setFontAndSize(font, 8);
            total.setTextMatrix(0, 0);
            total.showText(String.valueOf(writer.getPageNumber() - 1)); // called after the last page ended
            total.endText();
        }
    }
}
