package io.keyswitch.jail;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one login jail that the web login, API token checks and the VPN authentication all ask
 * and tell. Before checking a credential, take a try with {@link #admit}: a refused try is
 * answered without checking (HTTP 429 with a neutral page, or {@code client-deny} for OpenVPN);
 * an admitted one has its tokens taken already, so that parallel tries cannot share one allowance
 * (no check-then-act). After checking, report the outcome with {@link #failed} or
 * {@link #succeeded}; a wrong second factor (TOTP, SMS or recovery code) is a failure too.
 * {@link #activeBan} with {@link #recordFailure} and {@link #recordSuccess} is the older,
 * check-then-act form, for callers that cannot hold an admission (the VPN's device secrets).
 *
 * <p>Addresses are IP literals as the connection reports them ({@code request.getRemoteAddr()},
 * OpenVPN's {@code untrusted_ip}); they are never resolved. The user name may be {@code null}
 * when there is none (an API token).
 *
 * <p>Implementations are thread-safe.
 */
public interface LoginJail {

    /**
     * The ban that refuses this attempt, if any: the address's own ban first, then the user
     * name's. Allow-listed addresses are never refused.
     *
     * @throws IllegalArgumentException if the address is not an IP literal
     */
    Optional<Ban> activeBan(String address, String userName);

    /** Whether {@link #activeBan} finds a ban. */
    default boolean isBanned(String address, String userName) {
        return activeBan(address, userName).isPresent();
    }

    /**
     * Counts a failed login against the address and the user name. The failure that completes
     * the count bans the subject and tells the {@link JailListener}.
     */
    void recordFailure(String address, String userName);

    /**
     * Forgets the user name's failures after a successful login. Bans stay in force, and the
     * address's count is kept: otherwise an attacker holding one valid account could wipe the
     * count between guesses at others.
     */
    void recordSuccess(String address, String userName);

    /**
     * Takes one try for the address and, if given, the user name before a credential is checked. Refused while
     * either is banned or has no try left (tries of the same subject still being checked hold theirs). Allow-listed
     * addresses are always admitted and take nothing.
     *
     * <p>Per-name bans are a remote lockout if they apply everywhere: anyone could keep a known user out by failing
     * with their name. So when the user name has no try left, {@code knownAddress} is asked (only then, and outside
     * the jail's locks: it may read the database) whether this address is one the user signed in from before; if so
     * the try is admitted without the name's token, and counts against the address only.
     *
     * @param userName the canonical user name ({@code account/user}), or {@code null} when the try names none
     * @throws IllegalArgumentException if the address is not an IP literal
     */
    Admission admit(String address, String userName, java.util.function.BooleanSupplier knownAddress);

    /** The admitted try failed: it counts, and the failure that completes the count bans. */
    void failed(Admission admission);

    /**
     * The admitted try succeeded: its tokens are given back (a success is no failure). The failures before it are
     * kept: a login's password step may succeed while its second factor is still to come; when the login is
     * complete, {@link #recordSuccess} forgets the user name's failures. Bans stay in force.
     */
    void succeeded(Admission admission);

    /**
     * Lifts a ban before its end (the admin page's "lift ban") and tells the listener.
     *
     * @param subject as {@link Ban#subject()} shows it; for an IPv6 network, any address in it
     * @return the lifted ban, or empty if there was no active ban
     */
    Optional<Ban> lift(BanKind kind, String subject);

    /** The bans in force now, oldest first. */
    List<Ban> activeBans();

    /**
     * The jail the settings ask for: {@link Bucket4jLoginJail}, or {@link NullLoginJail} when
     * {@value JailSettings#KEY_ENABLED} is false. Logs the policy in force either way.
     */
    static LoginJail create(JailSettings settings, Clock clock, JailListener listener) {
        if (!settings.enabled()) {
            Logger.getLogger(LoginJail.class.getName()).info(settings.describe());
            return new NullLoginJail();
        }
        return new Bucket4jLoginJail(settings, clock, listener);
    }
}
