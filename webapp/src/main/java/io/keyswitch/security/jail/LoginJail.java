package io.keyswitch.security.jail;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one login jail that the web login, API token checks and the VPN authentication all ask
 * and tell. Before checking a credential, ask {@link #activeBan}; if there is one, refuse
 * without checking (HTTP 429 with a neutral page, or {@code client-deny} for OpenVPN). After
 * checking, report the outcome with {@link #recordFailure} or {@link #recordSuccess}; a wrong
 * second factor (TOTP, SMS or recovery code) is a failure too.
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
