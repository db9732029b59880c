package io.keyswitch.jail;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The login jail on Bucket4j token buckets, in this JVM's memory: one bounded table of source
 * addresses and one of user names (see {@link JailSettings} for the policy and its defaults).
 *
 * <p>Counting semantics: each subject has a bucket of {@code max-failures} tokens that refills
 * smoothly at {@code max-failures} per {@code find-window}. So {@code max-failures} failures in a
 * burst ban at once; failures trickling in slower than one per {@code window / max-failures}
 * (2 minutes by default) never ban; in between, a ban comes after somewhere between
 * {@code max-failures} and {@code 2 × max-failures − 1} failures within one window. Sustained
 * guessing is held to {@code max-failures} per window per address and per user name either way.
 *
 * <p>Allow-listed addresses are neither counted nor refused, not even for a banned user name, so
 * an administrator on a trusted network can always log in and an outside attacker cannot lock
 * them out.
 *
 * <p>State is per JVM. Several appliances behind one name need the jail on the shared data grid
 * (Hazelcast), a later implementation of the same {@link LoginJail} role.
 */
public final class Bucket4jLoginJail implements LoginJail {

    private static final Logger LOG = Logger.getLogger(Bucket4jLoginJail.class.getName());

    /**
     * How long a try waits for the tokens that tries still being checked hold (logins at the same moment from one
     * address or for one name are queued, not refused; a flood of them is refused once the first failures ban).
     */
    static final java.time.Duration BUSY_WAIT = java.time.Duration.ofSeconds(3);

    /** Longer user names are cut here, so an attacker cannot fill memory with long names. */
    static final int MAX_USER_NAME_CHARS = 128;

    private final JailSettings settings;
    private final Clock clock;
    private final JailListener listener;
    private final SuspectTable addresses;
    private final SuspectTable userNames;

    /**
     * Creates the jail and logs the policy in force.
     *
     * @param clock the only time source, for the buckets (through a Bucket4j {@code TimeMeter})
     *     and for ban times: {@code Clock.systemUTC()} in the portal, a hand-moved clock in tests
     */
    public Bucket4jLoginJail(JailSettings settings, Clock clock, JailListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        ClockTimeMeter timeMeter = new ClockTimeMeter(clock);
        this.addresses = new SuspectTable(BanKind.ADDRESS, settings.maxTrackedAddresses(), settings, timeMeter);
        this.userNames = new SuspectTable(BanKind.USER_NAME, settings.maxTrackedUserNames(), settings, timeMeter);
        LOG.info(settings.describe());
    }

    @Override
    public Optional<Ban> activeBan(String address, String userName) {
        InetAddress source = IpAddresses.parse(address);
        if (allowListed(source)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Ban ban = addresses.activeBan(addressKey(source), now);
        if (ban == null && userName != null) {
            ban = userNames.activeBan(userNameKey(userName), now);
        }
        return Optional.ofNullable(ban);
    }

    @Override
    public void recordFailure(String address, String userName) {
        InetAddress source = IpAddresses.parse(address);
        if (allowListed(source)) {
            return;
        }
        Instant now = clock.instant();
        String shownUserName = userName == null ? null : cleanUserName(userName);
        String shownAddress = source.getHostAddress();
        List<Ban> newBans = new ArrayList<>(2);
        Ban ban = addresses.recordFailure(addressKey(source), shownUserName, shownAddress, now);
        if (ban != null) {
            newBans.add(ban);
        }
        if (shownUserName != null && !shownUserName.isEmpty()) {
            ban = userNames.recordFailure(shownUserName.toLowerCase(Locale.ROOT), shownUserName, shownAddress, now);
            if (ban != null) {
                newBans.add(ban);
            }
        }
        announce(newBans);
    }

    private void announce(List<Ban> newBans) {
        for (Ban newBan : newBans) {
            LOG.warning("Login jail: banned " + describe(newBan) + " until " + newBan.until() + " after "
                    + newBan.failures() + " failed logins (last from " + newBan.lastAddress() + ").");
            tell(() -> listener.banned(newBan));
        }
    }

    @Override
    public Admission admit(String address, String userName, java.util.function.BooleanSupplier knownAddress) {
        InetAddress source = IpAddresses.parse(address);
        if (allowListed(source)) {
            return Admission.admitted(address, userName, false, false);
        }
        Instant now = clock.instant();
        String addressKey = addressKey(source);
        Instant refused = addresses.take(addressKey, now, BUSY_WAIT);
        if (refused != null) {
            return Admission.refused(address, userName, refused);
        }
        if (userName == null || cleanUserName(userName).isEmpty()) {
            return Admission.admitted(address, null, true, false);
        }
        refused = userNames.take(userNameKey(userName), now, BUSY_WAIT);
        if (refused == null) {
            return Admission.admitted(address, userName, true, true);
        }
        // asked outside the tables' locks: it may read the database
        if (knownAddress.getAsBoolean()) {
            return Admission.admitted(address, userName, true, false);
        }
        addresses.giveBack(addressKey);
        return Admission.refused(address, userName, refused);
    }

    @Override
    public void failed(Admission admission) {
        if (!admission.admitted() || (!admission.addressTaken() && !admission.nameTaken())) {
            return;
        }
        InetAddress source = IpAddresses.parse(admission.address());
        Instant now = clock.instant();
        String shownUserName = admission.userName() == null ? null : cleanUserName(admission.userName());
        String shownAddress = source.getHostAddress();
        List<Ban> newBans = new ArrayList<>(2);
        if (admission.addressTaken()) {
            Ban ban = addresses.failTaken(addressKey(source), shownUserName, shownAddress, now);
            if (ban != null) {
                newBans.add(ban);
            }
        }
        if (admission.nameTaken()) {
            Ban ban = userNames.failTaken(userNameKey(admission.userName()), shownUserName, shownAddress, now);
            if (ban != null) {
                newBans.add(ban);
            }
        }
        announce(newBans);
    }

    @Override
    public void succeeded(Admission admission) {
        if (!admission.admitted()) {
            return;
        }
        if (admission.addressTaken()) {
            addresses.giveBack(addressKey(IpAddresses.parse(admission.address())));
        }
        if (admission.nameTaken()) {
            userNames.giveBack(userNameKey(admission.userName()));
        }
    }

    @Override
    public void recordSuccess(String address, String userName) {
        if (userName != null) {
            userNames.forgetFailures(userNameKey(userName));
        }
    }

    @Override
    public Optional<Ban> lift(BanKind kind, String subject) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Instant now = clock.instant();
        Ban lifted = kind == BanKind.ADDRESS
                ? addresses.lift(addressSubjectKey(subject), now)
                : userNames.lift(userNameKey(subject), now);
        if (lifted != null) {
            LOG.info("Login jail: lifted the ban on " + describe(lifted) + " before its end (" + lifted.until() + ").");
            tell(() -> listener.lifted(lifted));
        }
        return Optional.ofNullable(lifted);
    }

    @Override
    public List<Ban> activeBans() {
        Instant now = clock.instant();
        List<Ban> bans = new ArrayList<>(addresses.activeBans(now));
        bans.addAll(userNames.activeBans(now));
        bans.sort(Comparator.comparing(Ban::since));
        return bans;
    }

    /** Addresses held in memory now (counted or banned); at most the configured capacity. */
    public int trackedAddresses() {
        return addresses.size();
    }

    /** User names held in memory now (counted or banned); at most the configured capacity. */
    public int trackedUserNames() {
        return userNames.size();
    }

    /** The policy in force. */
    public JailSettings settings() {
        return settings;
    }

    private boolean allowListed(InetAddress source) {
        for (AddressRange range : settings.allowList()) {
            if (range.contains(source)) {
                return true;
            }
        }
        return false;
    }

    private String addressKey(InetAddress source) {
        return IpAddresses.subject(source.getHostAddress(), settings.ipv6PrefixLength());
    }

    /**
     * The table key for an address as an administrator may give it: as listed
     * ({@code 2001:db8:0:1:0:0:0:0/64}), or any address inside the banned network
     * ({@code 2001:db8:0:1::5}).
     */
    private String addressSubjectKey(String subject) {
        String text = subject.trim();
        int slash = text.indexOf('/');
        try {
            return addressKey(IpAddresses.parse(slash < 0 ? text : text.substring(0, slash)));
        } catch (IllegalArgumentException notAnAddress) {
            return text;
        }
    }

    private static String userNameKey(String userName) {
        return cleanUserName(userName).toLowerCase(Locale.ROOT);
    }

    /** Trimmed, without control characters (log and page injection), cut to a bounded length. */
    private static String cleanUserName(String userName) {
        String clean = userName.replaceAll("\\p{Cntrl}", "").trim();
        return clean.length() > MAX_USER_NAME_CHARS ? clean.substring(0, MAX_USER_NAME_CHARS) : clean;
    }

    private static String describe(Ban ban) {
        return (ban.kind() == BanKind.ADDRESS ? "address " : "user name ") + ban.subject();
    }

    private static void tell(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Login jail: a listener failed; the jail carries on", e);
        }
    }
}
