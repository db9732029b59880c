package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} lists every {@code keyswitch.*} key the portal's main sources read, and no other.
 * The keys are found in the sources as the code names them: a string constant or literal that is a whole key
 * ({@code "keyswitch.jail.max-failures"}), a {@link SettingsReader} of a prefix and the names it reads
 * ({@code SettingsReader.of(lookup, "keyswitch.firewall.")} … {@code firewall.integer("timeout-ms", …)}), a prefix
 * constant joined with a name ({@code PREFIX + "public-host"}), and {@code ${MPCONFIG=keyswitch.…}} in {@code web.xml}.
 */
@DisplayName("The configuration reference (docs/configuration.md)")
class ConfigurationReferenceTest {

    /** Whole-key-shaped names in the code that are not settings, each with what it is instead. */
    static final Map<String, String> NOT_SETTINGS = Map.of(
            "keyswitch.api.actor", "a request attribute (BearerTokenFilter)",
            "keyswitch.local", "the VPN's host name when the host has none (VpnSettings)");

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path WEB_XML = Path.of("src/main/webapp/WEB-INF/web.xml");
    private static final Path REFERENCE = Path.of("../docs/configuration.md");

    private static final Pattern WHOLE_KEY = Pattern.compile("\"(keyswitch\\.[a-z0-9][a-z0-9.-]*[a-z0-9])\"");
    private static final Pattern PREFIX_CONSTANT = Pattern.compile(
            "String\\s+([A-Z_][A-Z0-9_]*)\\s*=\\s*\"(keyswitch\\.[a-z0-9.-]*\\.)\"");
    private static final Pattern READER = Pattern.compile(
            "SettingsReader\\s+(\\w+)\\s*=\\s*SettingsReader\\.of\\([^;]*?,\\s*(\"keyswitch\\.[a-z0-9.-]*\\.\"|[\\w.]+)\\s*\\)");
    private static final Pattern MPCONFIG = Pattern.compile("\\$\\{MPCONFIG=(keyswitch\\.[a-z0-9.-]+)}");
    private static final Pattern DOC_ROW = Pattern.compile("^\\|\\s*`(keyswitch\\.[a-z0-9.-]+)`\\s*\\|(.*)$");

    private static Map<String, String> sources;
    private static Set<String> read;
    private static Map<String, List<String>> documented;

    @BeforeAll
    static void scan() {
        sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.put(MAIN.relativize(f).toString(), text(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        read = keysRead(sources, text(WEB_XML));
        documented = documentedKeys(text(REFERENCE));
    }

    @Test
    @DisplayName("lists every keyswitch.* key the code reads")
    void everyKeyReadIsListed() {
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(documented.keySet());

        assertThat(missing).as("keys the code reads that docs/configuration.md does not list (add a row: key, type, "
                + "default, meaning)").isEmpty();
    }

    @Test
    @DisplayName("lists no key the code does not read")
    void noKeyListedThatIsNotRead() {
        Set<String> stale = new TreeSet<>(documented.keySet());
        stale.removeAll(read);

        assertThat(stale).as("keys docs/configuration.md lists that no code reads (remove the row)").isEmpty();
    }

    @Test
    @DisplayName("gives each key a type, a default and a meaning")
    void everyRowIsComplete() {
        documented.forEach((key, cells) -> assertThat(cells).as(key + ": type, default, meaning")
                .hasSize(3).allSatisfy(cell -> assertThat(cell).isNotBlank()));
    }

    @Test
    @DisplayName("finds keys of every kind the code names them by, and nothing it was told is not a setting")
    void scanFindsEveryKind() {
        assertThat(read).contains(
                "keyswitch.jail.allow-list", // a constant of a settings record
                "keyswitch.accounts.pool-prefix", // a literal in a service
                "keyswitch.vpn.port-base", // a reader of a prefix constant
                "keyswitch.firewall.timeout-ms", // a reader of a literal prefix
                "keyswitch.db.url") // web.xml
                .doesNotContainAnyElementsOf(NOT_SETTINGS.keySet())
                .allSatisfy(key -> assertThat(key).doesNotEndWith("."));
        assertThat(NOT_SETTINGS.keySet()).as("each exception is still in the code")
                .allSatisfy(name -> assertThat(sources.values()).anySatisfy(s -> assertThat(s).contains("\"" + name + "\"")));
    }

    /** The keys the sources read. */
    static Set<String> keysRead(Map<String, String> javaSources, String webXml) {
        Map<String, String> prefixes = new HashMap<>();
        javaSources.forEach((file, source) -> {
            String owner = Path.of(file).getFileName().toString().replace(".java", "");
            Matcher m = PREFIX_CONSTANT.matcher(source);
            while (m.find()) {
                prefixes.put(m.group(1), m.group(2));
                prefixes.put(owner + "." + m.group(1), m.group(2));
            }
        });
        Set<String> keys = new TreeSet<>();
        for (String source : javaSources.values()) {
            Matcher whole = WHOLE_KEY.matcher(source);
            while (whole.find()) {
                keys.add(whole.group(1));
            }
            Matcher reader = READER.matcher(source);
            while (reader.find()) {
                String arg = reader.group(2);
                String prefix = arg.startsWith("\"") ? arg.substring(1, arg.length() - 1) : prefixes.get(arg);
                if (prefix != null) {
                    Matcher call = Pattern.compile("\\b" + reader.group(1)
                            + "\\.(?:text|optionalText|isSet|bool|integer|duration|oneOf|value|list|words|key)\\(\\s*\"([a-z0-9.-]+)\"")
                            .matcher(source);
                    while (call.find()) {
                        keys.add(prefix + call.group(1));
                    }
                }
            }
            for (Map.Entry<String, String> p : prefixes.entrySet()) {
                Matcher joined = Pattern.compile("(?<![\\w.])" + Pattern.quote(p.getKey()) + "\\s*\\+\\s*\"([a-z0-9-]+)\"")
                        .matcher(source);
                while (joined.find()) {
                    keys.add(p.getValue() + joined.group(1));
                }
            }
        }
        Matcher mp = MPCONFIG.matcher(webXml);
        while (mp.find()) {
            keys.add(mp.group(1));
        }
        keys.removeAll(NOT_SETTINGS.keySet());
        return keys;
    }

    /** The keys of the reference's table rows, with the cells after the key (type, default, meaning). */
    static Map<String, List<String>> documentedKeys(String markdown) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String line : markdown.lines().toList()) {
            Matcher m = DOC_ROW.matcher(line);
            if (m.matches()) {
                String rest = m.group(2).replace("\\|", "\u0000").strip();
                List<String> cells = Stream.of(rest.substring(0, rest.length() - (rest.endsWith("|") ? 1 : 0)).split("\\|"))
                        .map(c -> c.replace("\u0000", "|").strip()).toList();
                rows.put(m.group(1), cells);
            }
        }
        return rows;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
