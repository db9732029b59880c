package io.keyswitch.launcher;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The portal as its own Payara Micro process: HTTPS with the given keystore, HTTP redirecting to it,
 * listeners and the data grid bound to one address, secrets passed in files (mode 0600), never on the
 * command line. Ready means Payara said so and the login page answers 200 over HTTPS.
 */
public final class PortalProcess implements AutoCloseable {

    /**
     * A system property naming another file of listener settings for Payara (an empty file: Payara's own defaults),
     * for benchmarks that compare; without it, the appliance's are used.
     */
    public static final String LISTENER_SETTINGS = "keyswitch.launcher.listener-settings";

    /** A system property with more JVM options for the portal (e.g. the appliance's: -Xss512k -XX:+ExitOnOutOfMemoryError). */
    public static final String JVM_OPTIONS = "keyswitch.launcher.jvm-options";

    /** The console line the portal prints with the one-time password starts with this. */
    public static final String FIRST_LOGIN_MARKER = "Keyswitch first login:";

    private final Process process;
    private final String url;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String firstLoginLine;

    private PortalProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** What the portal needs to start. */
    public record Options(Path war, Path payaraJar, Path home, DatabaseCoordinates database, String bindAddress,
                          int httpPort, int httpsPort, String heap, Consumer<String> console) {
    }

    /** The JVM and Payara Micro options for a portal, with the files they name written (secrets mode 0600). */
    public record PayaraCommand(List<String> jvmOptions, List<String> microOptions) {
    }

    /**
     * Writes the keystore, the pre-boot commands and the system properties file, and returns the options
     * that start Payara Micro with them: the same for the launcher, the appliance and the container tests.
     */
    public static PayaraCommand prepare(Path home, DatabaseCoordinates database, String bindAddress,
                                        int httpPort, int httpsPort, String heap) {
        return prepare(home, database, bindAddress, httpPort, httpsPort, heap, java.util.Map.of());
    }

    /** As above, with more system properties for the portal (e.g. {@code keyswitch.vpn.*} in the system tier). */
    public static PayaraCommand prepare(Path home, DatabaseCoordinates database, String bindAddress,
                                        int httpPort, int httpsPort, String heap, java.util.Map<String, String> extra) {
        try {
            // Test portals keep the appliance's supervisor unless told otherwise, so that none starts OpenVPN servers
            // on this host's own network (without systemd their VPN is unavailable); the quick start and the system
            // tier (in network namespaces) set keyswitch.vpn.supervisor=process.
            java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
            properties.put("keyswitch.vpn.supervisor", "systemd");
            properties.putAll(extra);
            StringBuilder more = new StringBuilder();
            properties.forEach((key, value) -> more.append(key).append('=').append(value).append('\n'));
            Path payaraDir = home.resolve("payara");
            for (String dir : List.of("runtime", "unpacked", "tmp")) {
                Files.createDirectories(payaraDir.resolve(dir));
            }
            SelfSignedKeystore keystore = SelfSignedKeystore.ensure(home.resolve("tls"));
            Path preboot = payaraDir.resolve("preboot.asadmin");
            Files.writeString(preboot, String.join("\n",
                    "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=" + bindAddress,
                    "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=" + bindAddress,
                    "") + neutralServer(payaraDir) + "\n" + listenerSettings());
            Path secrets = payaraDir.resolve("system.properties");
            writePrivate(secrets, String.join("\n",
                    "javax.net.ssl.keyStore=" + keystore.file(),
                    "javax.net.ssl.keyStorePassword=" + keystore.password(),
                    "javax.net.ssl.keyStoreType=PKCS12",
                    // the original file: Payara Micro serves a copy it makes from it at every start
                    "keyswitch.tls.keystore=" + keystore.file(),
                    "keyswitch.db.url=" + database.url(),
                    "keyswitch.db.user=" + database.user(),
                    "keyswitch.db.password=" + database.password(),
                    "keyswitch.home=" + home,
                    "keyswitch.print-initial-password=true",
                    "") + more);
            List<String> jvm = new ArrayList<>(List.of(
                    "-Xmx" + heap, "-XX:+UseSerialGC", "-Duser.timezone=UTC",
                    "-Djdk.tls.server.protocols=TLSv1.3,TLSv1.2",
                    "-Djava.io.tmpdir=" + payaraDir.resolve("tmp")));
            String moreJvm = System.getProperty(JVM_OPTIONS, "");
            if (!moreJvm.isBlank()) {
                jvm.addAll(List.of(moreJvm.strip().split("\\s+")));
            }
            List<String> micro = List.of(
                    "--port", Integer.toString(httpPort), "--sslport", Integer.toString(httpsPort),
                    "--sslcert", SelfSignedKeystore.ALIAS,
                    // No data grid: one portal per appliance needs none, and Hazelcast would listen on
                    // 6900 (on every interface with --nocluster) and join other portals on the machine.
                    "--nohazelcast",
                    "--disablephonehome",
                    "--rootdir", payaraDir.resolve("runtime").toString(),
                    "--unpackdir", payaraDir.resolve("unpacked").toString(),
                    "--prebootcommandfile", preboot.toString(),
                    "--systemproperties", secrets.toString());
            return new PayaraCommand(jvm, micro);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The appliance's bounds of the HTTP listeners: the launcher and the tests run with the same. */
    static final String APPLIANCE_LISTENERS = "appliance/rootfs/usr/local/lib/keyswitch/payara-listeners.asadmin";

    /**
     * The appliance's bounds of the HTTP listeners ({@link #APPLIANCE_LISTENERS}), or another file's lines
     * ({@value #LISTENER_SETTINGS}: a benchmark compares with Payara's defaults).
     */
    static String listenerSettings() throws IOException {
        String other = System.getProperty(LISTENER_SETTINGS);
        return Files.readString(other != null ? Path.of(other) : applianceFile(APPLIANCE_LISTENERS));
    }

    /** The appliance's image file with Payara's pre-boot commands and the neutral error page they name. */
    static final String APPLIANCE_PREBOOT = "appliance/rootfs/opt/keyswitch/payara-preboot.asadmin";
    static final String APPLIANCE_ERROR_PAGE = "/opt/keyswitch/error.html";

    /**
     * The appliance's pre-boot commands (no Server header, neutral error pages: nothing of Payara shown),
     * with its error page copied to {@code payaraDir}: the same server settings here as on the appliance.
     */
    private static String neutralServer(Path payaraDir) throws IOException {
        Path commands = applianceFile(APPLIANCE_PREBOOT);
        Path page = payaraDir.resolve("error.html");
        Files.copy(commands.resolveSibling("error.html"), page, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.readString(commands).replace(APPLIANCE_ERROR_PAGE, page.toAbsolutePath().toString());
    }

    /** A file of the repository's appliance folder, from the webapp module (tests) or the repository root. */
    private static Path applianceFile(String path) {
        for (Path base : List.of(Path.of(".."), Path.of("."))) {
            Path candidate = base.resolve(path).toAbsolutePath().normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Not found from " + Path.of("").toAbsolutePath() + ": " + path);
    }

    public static PortalProcess start(Options o) {
        return start(o, java.util.Map.of());
    }

    /** Starts the portal with more system properties (see {@link #prepare(Path, DatabaseCoordinates, String, int, int, String, java.util.Map)}). */
    public static PortalProcess start(Options o, java.util.Map<String, String> extra) {
        return start(o, extra, List.of());
    }

    /** As above, with more JVM options after the usual ones (a benchmark runs the portal with the appliance's). */
    public static PortalProcess start(Options o, java.util.Map<String, String> extra, List<String> moreJvmOptions) {
        try {
            PayaraCommand payara = prepare(o.home(), o.database(), o.bindAddress(), o.httpPort(), o.httpsPort(), o.heap(), extra);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(payara.jvmOptions());
            cmd.addAll(moreJvmOptions);
            cmd.addAll(List.of("-jar", o.payaraJar().toString(), "--deploy", o.war().toString(), "--contextroot", "/"));
            cmd.addAll(payara.microOptions());
            Path log = o.home().resolve("logs").resolve("payara.log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String host = "0.0.0.0".equals(o.bindAddress()) || "127.0.0.1".equals(o.bindAddress())
                    ? "localhost" : o.bindAddress();
            PortalProcess portal = new PortalProcess(process, "https://" + host + ":" + o.httpsPort() + "/");
            portal.follow(log, o.console(), o.bindAddress(), o.httpsPort());
            return portal;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies Payara's output to the log (the one-time password only to the console), and watches for readiness. */
    private void follow(Path log, Consumer<String> console, String bindAddress, int httpsPort) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int marker = line.indexOf(FIRST_LOGIN_MARKER);
                    if (marker >= 0) {
                        firstLoginLine = line.substring(marker);
                        console.accept(firstLoginLine);
                        out.write("[one-time password printed on the console only]");
                    } else {
                        out.write(line);
                    }
                    out.newLine();
                    out.flush();
                    if (line.contains("Payara Micro") && line.contains("ready in")) {
                        probe(bindAddress, httpsPort);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = -1;
            }
            ready.completeExceptionally(new IllegalStateException(
                    "Payara Micro ended (exit code " + exit + "); see " + log));
        }, "payara-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void probe(String bindAddress, int httpsPort) {
        String probeHost = "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
        try {
            HttpResponse<Void> response = trustingClient().send(
                    HttpRequest.newBuilder(URI.create("https://" + probeHost + ":" + httpsPort + "/login.xhtml"))
                            .timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(new IllegalStateException(
                        "Payara started but the portal answers " + response.statusCode()
                                + ": the deployment failed; see the log"));
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    /** Waits until the portal is ready, or throws with the reason it is not. */
    public void awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The portal was not ready within " + timeout.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** The console line with the one-time password, if the portal printed one (first start only). */
    public String firstLoginLine() {
        return firstLoginLine;
    }

    /** The one-time password from {@link #firstLoginLine()}, or {@code null}. */
    public String oneTimePassword() {
        String line = firstLoginLine;
        if (line == null) {
            return null;
        }
        int at = line.indexOf("one-time password ");
        return at < 0 ? null : line.substring(at + "one-time password ".length()).split("\\s+")[0];
    }

    /** Stops Payara: politely first, then by force. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP client that accepts the portal's self-signed certificate; for probing our own loopback only. */
    public static HttpClient trustingClient() {
        return HttpClient.newBuilder().sslContext(trustingTls()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** TLS that accepts the portal's self-signed certificate; for our own loopback only. */
    public static SSLContext trustingTls() {
        return trustingTls(null);
    }

    /** As {@link #trustingTls()}, from this provider's TLS (null: the JDK's). */
    public static SSLContext trustingTls(java.security.Provider provider) {
        try {
            SSLContext ssl = provider == null ? SSLContext.getInstance("TLS", "SunJSSE") : SSLContext.getInstance("TLS", provider);
            ssl.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
