package io.keyswitch.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the system requirements from docs/secure/iec62443.md, which the build packs into the WAR as
 * {@value #RESOURCE}: the page shows the text the docs hold, so the two never disagree. A row is a markdown table
 * line whose first cell is an SR number ({@code | 1.1 | title | status | how |}); any other line is skipped.
 */
public final class Iec62443Mapping {

    /** Where the build puts the mapping (webapp/pom.xml, resources). */
    public static final String RESOURCE = "/io/keyswitch/compliance/iec62443.md";

    private static final Pattern SR = Pattern.compile("\\d\\.\\d{1,2}");

    private Iec62443Mapping() {
    }

    /** The requirements of the mapping packed into the WAR, in the file's order. */
    public static List<SystemRequirement> packaged() {
        try (InputStream in = Iec62443Mapping.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the WAR (webapp/pom.xml packs docs/secure/iec62443.md)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The requirement rows of a markdown text, in order.
     *
     * @throws IllegalArgumentException for an SR row without exactly four cells or with an unknown status (the
     *     mapping is ours: a broken row is a build defect, named with its line)
     */
    public static List<SystemRequirement> parse(String markdown) {
        List<SystemRequirement> rows = new ArrayList<>();
        String[] lines = markdown.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.startsWith("|") || !line.endsWith("|") || line.length() < 2) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            if (!SR.matcher(cells[0].strip()).matches()) {
                continue;
            }
            int lineNumber = n + 1;
            if (cells.length != 4) {
                throw new IllegalArgumentException("line " + lineNumber + ": an SR row has 4 cells, this one " + cells.length);
            }
            String word = cells[2].strip();
            RequirementStatus status = RequirementStatus.ofWord(word).orElseThrow(() -> new IllegalArgumentException(
                    "line " + lineNumber + ": status '" + word + "' is not implemented, partly, planned or operator"));
            rows.add(new SystemRequirement(cells[0].strip(), cells[1].strip(), status, cells[3].strip()));
        }
        return List.copyOf(rows);
    }
}
