package io.keyswitch.security;

import jakarta.annotation.Priority;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.account.Account;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.PortalHome;
import io.keyswitch.platform.RandomTokens;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.user.PasswordChange.PasswordChanged;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import io.keyswitch.user.Administrators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * No default password: on the first start with an empty database, creates the account {@code system},
 * its group {@code Administrators} and the system administrator {@code admin} with a random one-time
 * password that must be changed at the first login. The password is written to
 * {@code <home>/initial-admin-password} (mode 0600, deleted once changed) and printed on the console
 * only when {@code keyswitch.print-initial-password} is true (the development launcher sets it).
 * The appliance turns this off ({@value #KEY_SETUP_WIZARD}): there the setup wizard, opened with the
 * setup code of the first boot, creates the first administrator with a password the person chooses.
 */
@ApplicationScoped
public class FirstAdministrator {

    public static final String USERNAME = "admin";
    public static final String PASSWORD_FILE = "initial-admin-password";
    /** The start of the console line that carries the one-time password; the launcher looks for it. */
    public static final String CONSOLE_MARKER = "Keyswitch first login:";
    /** On: no one-time password; the setup wizard ({@code io.keyswitch.setup}) creates the first administrator. */
    public static final String KEY_SETUP_WIZARD = "keyswitch.setup.wizard";
    /** Development and tests only: print the initial password or setup code on the console too. Default false. */
    public static final String KEY_PRINT_INITIAL_PASSWORD = "keyswitch.print-initial-password";

    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    io.keyswitch.account.VirtualPools pools;

    @Inject
    UserDirectory directory;

    @Inject
    Administrators administrators;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * With the setup wizard on ({@value #KEY_SETUP_WIZARD}, the appliance sets it), nothing: the wizard
     * creates the first administrator. Otherwise, on an empty database, the administrator with a
     * one-time password.
     */
    @Transactional
    public void ensureOne(@Observes @Priority(StartupOrder.FIRST_ADMINISTRATOR) PortalStarted started) {
        if (directory.countUsers() > 0 || setupWizard()) {
            return;
        }
        String password = RandomTokens.readable(20);
        create(USERNAME, "System administrator", password.toCharArray(), true, "keyswitch", null,
                "first start with an empty database: the first administrator is created with a one-time password");
        passwordFile().ifPresent(file -> write(file, password));
        LOG.info(() -> "First start: created the system administrator '" + USERNAME + "' in account '"
                + Account.SYSTEM_ACCOUNT + "' with a one-time password"
                + passwordFile().map(f -> " (in " + f + ")").orElse(""));
        if (printOnConsole()) {
            System.out.println(CONSOLE_MARKER + " account \"" + Account.SYSTEM_ACCOUNT + "\", user \"" + USERNAME
                    + "\", one-time password " + password + " (to be changed at the first login)");
        }
    }

    /** Whether the first administrator comes from the setup wizard ({@value #KEY_SETUP_WIZARD}, default false). */
    public static boolean setupWizard() {
        return SettingsReader.portal().bool(KEY_SETUP_WIZARD, false);
    }

    /**
     * Creates the account {@code system} (if missing), its group {@code Administrators} with every right, and
     * the system administrator in it; audits {@code user.create}. Joins the caller's transaction.
     *
     * @param mustChange whether the password is a one-time password
     */
    @Transactional
    public User create(String username, String fullName, char[] password, boolean mustChange, String actor, String sourceIp,
                       String reason) {
        Instant now = clock.instant();
        Account system = em.createQuery("SELECT a FROM Account a WHERE a.name = :n", Account.class)
                .setParameter("n", Account.SYSTEM_ACCOUNT).getResultStream().findFirst().orElse(null);
        if (system == null) {
            system = new Account(Account.SYSTEM_ACCOUNT, now);
            io.keyswitch.platform.Ipv4Subnet pool = pools.suggest();
            em.persist(system);
            em.flush();
            pools.replace(system.getId(), java.util.List.of(pool));
        }
        User admin = administrators.found(system, username, fullName, password, mustChange, true, now);
        em.flush();
        audit.record(AuditEntry.of(AuditAction.USER_CREATE, Outcome.SUCCESS).in(system.getId()).by(actor, null).from(sourceIp)
                .on("user:" + username).withDetails("{\"systemAdmin\":true,\"group\":\"Administrators\"}").because(reason));
        return admin;
    }

    /** The one-time password file is deleted as soon as a system administrator has chosen a password. */
    void onPasswordChanged(@Observes PasswordChanged changed) {
        if (changed.systemAdmin()) {
            passwordFile().ifPresent(file -> {
                try {
                    if (Files.deleteIfExists(file)) {
                        LOG.info(() -> "Deleted " + file + ": the one-time password has been replaced");
                    }
                } catch (IOException e) {
                    LOG.warning(() -> "Could not delete " + file + ": " + e.getMessage());
                }
            });
        }
    }

    private static Optional<Path> passwordFile() {
        return PortalHome.path().map(home -> home.resolve(PASSWORD_FILE));
    }

    /** Whether the initial password and the setup code are also printed on the console ({@value #KEY_PRINT_INITIAL_PASSWORD}). */
    public static boolean printOnConsole() {
        return SettingsReader.portal().bool(KEY_PRINT_INITIAL_PASSWORD, false);
    }

    private static void write(Path file, String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the one-time password to " + file, e);
        }
    }
}
