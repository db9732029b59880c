package io.keyswitch.jail;

import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The jail policy. Every setting has a key, a type and a default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY_ENABLED}</td><td>boolean</td><td>true</td>
 *       <td>false swaps in {@link NullLoginJail}</td></tr>
 *   <tr><td>{@value #KEY_MAX_FAILURES}</td><td>int ≥ 1</td><td>{@value #DEFAULT_MAX_FAILURES}</td>
 *       <td>failures within the window that ban</td></tr>
 *   <tr><td>{@value #KEY_FIND_WINDOW}</td><td>duration</td><td>PT10M</td>
 *       <td>the window (the token bucket refills {@code max-failures} per window)</td></tr>
 *   <tr><td>{@value #KEY_BAN_DURATION}</td><td>duration</td><td>PT10M</td><td>how long a ban lasts</td></tr>
 *   <tr><td>{@value #KEY_MAX_TRACKED_ADDRESSES}</td><td>int ≥ 1</td><td>{@value #DEFAULT_MAX_TRACKED}</td>
 *       <td>addresses kept in memory at most (bans included)</td></tr>
 *   <tr><td>{@value #KEY_MAX_TRACKED_USER_NAMES}</td><td>int ≥ 1</td><td>{@value #DEFAULT_MAX_TRACKED}</td>
 *       <td>user names kept in memory at most (bans included)</td></tr>
 *   <tr><td>{@value #KEY_ALLOW_LIST}</td><td>comma-separated CIDR ranges</td><td>(empty)</td>
 *       <td>addresses never counted nor refused</td></tr>
 *   <tr><td>{@value #KEY_IPV6_PREFIX_LENGTH}</td><td>int 32..128</td><td>{@value #DEFAULT_IPV6_PREFIX_LENGTH}</td>
 *       <td>IPv6 sources are counted per network of this size</td></tr>
 * </table>
 *
 * <p>Durations are ISO-8601 ({@code PT10M}) or a plain number of seconds ({@code 600}).
 *
 * <p>Why IPv6 is counted per /64: one customer line gets at least a /64, so an attacker can
 * change the last 64 bits at will; counting each address alone would let them guess forever.
 */
public record JailSettings(boolean enabled, int maxFailures, Duration findWindow, Duration banDuration,
        int maxTrackedAddresses, int maxTrackedUserNames, List<AddressRange> allowList, int ipv6PrefixLength) {

    public static final String KEY_ENABLED = "keyswitch.jail.enabled";
    public static final String KEY_MAX_FAILURES = "keyswitch.jail.max-failures";
    public static final String KEY_FIND_WINDOW = "keyswitch.jail.find-window";
    public static final String KEY_BAN_DURATION = "keyswitch.jail.ban-duration";
    public static final String KEY_MAX_TRACKED_ADDRESSES = "keyswitch.jail.max-tracked-addresses";
    public static final String KEY_MAX_TRACKED_USER_NAMES = "keyswitch.jail.max-tracked-user-names";
    public static final String KEY_ALLOW_LIST = "keyswitch.jail.allow-list";
    public static final String KEY_IPV6_PREFIX_LENGTH = "keyswitch.jail.ipv6-prefix-length";

    public static final boolean DEFAULT_ENABLED = true;
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_FIND_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_BAN_DURATION = Duration.ofMinutes(10);
    /** About 4.6 MiB of heap per table when full, some 480 bytes an entry (docs/develop/benchmarks.md). */
    public static final int DEFAULT_MAX_TRACKED = 10_000;
    public static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;

    public JailSettings {
        Objects.requireNonNull(findWindow, "findWindow");
        Objects.requireNonNull(banDuration, "banDuration");
        allowList = List.copyOf(allowList);
        require(maxFailures >= 1, KEY_MAX_FAILURES + " must be at least 1");
        require(!findWindow.isNegative() && findWindow.toMillis() >= 1, KEY_FIND_WINDOW + " must be positive");
        require(!banDuration.isNegative() && banDuration.toMillis() >= 1, KEY_BAN_DURATION + " must be positive");
        require(maxTrackedAddresses >= 1, KEY_MAX_TRACKED_ADDRESSES + " must be at least 1");
        require(maxTrackedUserNames >= 1, KEY_MAX_TRACKED_USER_NAMES + " must be at least 1");
        require(ipv6PrefixLength >= 32 && ipv6PrefixLength <= 128, KEY_IPV6_PREFIX_LENGTH + " must be 32 to 128");
    }

    /** The defaults: 5 failures in 10 minutes ban for 10 minutes, 10,000 entries per table, no allow-list. */
    public static JailSettings defaults() {
        return new JailSettings(DEFAULT_ENABLED, DEFAULT_MAX_FAILURES, DEFAULT_FIND_WINDOW, DEFAULT_BAN_DURATION,
                DEFAULT_MAX_TRACKED, DEFAULT_MAX_TRACKED, List.of(), DEFAULT_IPV6_PREFIX_LENGTH);
    }

    /**
     * Reads the settings by key; a key the lookup answers with {@code null} or blank keeps its default.
     *
     * @param lookup e.g. {@link SettingsReader#portalLookup()}
     * @throws IllegalArgumentException naming the key whose value is unusable
     */
    public static JailSettings from(UnaryOperator<String> lookup) {
        JailSettings d = defaults();
        SettingsReader read = SettingsReader.of(lookup);
        return new JailSettings(
                read.bool(KEY_ENABLED, d.enabled()),
                read.integer(KEY_MAX_FAILURES, d.maxFailures(), 1, Integer.MAX_VALUE),
                read.duration(KEY_FIND_WINDOW, d.findWindow()),
                read.duration(KEY_BAN_DURATION, d.banDuration()),
                read.integer(KEY_MAX_TRACKED_ADDRESSES, d.maxTrackedAddresses(), 1, Integer.MAX_VALUE),
                read.integer(KEY_MAX_TRACKED_USER_NAMES, d.maxTrackedUserNames(), 1, Integer.MAX_VALUE),
                read.list(KEY_ALLOW_LIST, AddressRange::parse),
                read.integer(KEY_IPV6_PREFIX_LENGTH, d.ipv6PrefixLength(), 32, 128));
    }

    /** A copy with other failure count, window and ban duration. */
    public JailSettings withPolicy(int failures, Duration window, Duration ban) {
        return new JailSettings(enabled, failures, window, ban, maxTrackedAddresses, maxTrackedUserNames, allowList, ipv6PrefixLength);
    }

    /** A copy with other table capacities. */
    public JailSettings withCapacity(int addresses, int userNames) {
        return new JailSettings(enabled, maxFailures, findWindow, banDuration, addresses, userNames, allowList, ipv6PrefixLength);
    }

    /** A copy with another allow-list, in CIDR notation. */
    public JailSettings withAllowList(String... cidrs) {
        return new JailSettings(enabled, maxFailures, findWindow, banDuration, maxTrackedAddresses, maxTrackedUserNames,
                Arrays.stream(cidrs).map(AddressRange::parse).toList(), ipv6PrefixLength);
    }

    /** A copy switched on or off. */
    public JailSettings withEnabled(boolean on) {
        return new JailSettings(on, maxFailures, findWindow, banDuration, maxTrackedAddresses, maxTrackedUserNames, allowList, ipv6PrefixLength);
    }

    /** The policy in one sentence, for the start-up log line. */
    public String describe() {
        if (!enabled) {
            return "Login jail is off (" + KEY_ENABLED + "=false): failed logins are not counted and nothing is banned.";
        }
        return "Login jail: " + maxFailures + " failed logins within " + human(findWindow)
                + " from one source address (IPv6 counted per /" + ipv6PrefixLength + ") or for one user name ban it for "
                + human(banDuration) + "; up to " + maxTrackedAddresses + " addresses and " + maxTrackedUserNames
                + " user names are tracked; allow-listed (never banned): "
                + (allowList.isEmpty() ? "none" : allowList.stream().map(AddressRange::toString).collect(Collectors.joining(", ")))
                + ".";
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + (seconds == 3600 ? " hour" : " hours");
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
        }
        return seconds + " s";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
