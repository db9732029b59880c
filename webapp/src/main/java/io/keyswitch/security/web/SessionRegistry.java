package io.keyswitch.security.web;

import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.PortalPrincipal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The signed-in sessions of each user in this portal: at most {@value #KEY_MAX_PER_USER} at once
 * (a new login ends the oldest), an absolute lifetime of {@value #KEY_ABSOLUTE_TIMEOUT} whatever
 * the activity, and "log out everywhere". A user disabled or given a new one-time password, and
 * every user of a disabled account, lose their sessions as soon as the change is committed
 * ({@link #userDisabled}, {@link #passwordReset}, {@link #accountChanged}); anything else that
 * ends a user's access (a temporary validity's end, a change on another node or in the database)
 * ends the session at its next request ({@link SessionLimitsFilter}). Per JVM, like the jail:
 * several appliances behind one name need it on Payara's data grid.
 */
@ApplicationScoped
public class SessionRegistry {

    public static final String KEY_MAX_PER_USER = "keyswitch.session.max-per-user";
    public static final String KEY_ABSOLUTE_TIMEOUT = "keyswitch.session.absolute-timeout";
    public static final int DEFAULT_MAX_PER_USER = 3;
    public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofHours(8);

    /** When the session's login completed (an {@link Instant}). */
    static final String SIGNED_IN_AT = "keyswitch.signedInAt";
    /** The user id the session belongs to (a {@link Long}). */
    static final String USER_ID = "keyswitch.userId";
    /** The account id of the session's user (a {@link Long}). */
    static final String ACCOUNT_ID = "keyswitch.accountId";

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    private final Map<Long, List<HttpSession>> sessions = new ConcurrentHashMap<>();
    private int maxPerUser;
    private Duration absoluteTimeout;

    /** Reads the limits at start-up, so that they are in the start-up log and a bad value fails the start. */
    void atStart(@Observes @Priority(StartupOrder.LOGIN) PortalStarted started) {
        // the bean is made, and its settings read, by this first call
    }

    @PostConstruct
    void init() {
        SettingsReader settings = SettingsReader.portal();
        maxPerUser = settings.integer(KEY_MAX_PER_USER, DEFAULT_MAX_PER_USER, 1, Integer.MAX_VALUE);
        absoluteTimeout = settings.duration(KEY_ABSOLUTE_TIMEOUT, DEFAULT_ABSOLUTE_TIMEOUT);
        LOG.info("Sessions: at most " + maxPerUser + " per user (a new login ends the oldest), each ends "
                + absoluteTimeout.toMinutes() + " minutes after login at the latest, and after 15 minutes idle (web.xml).");
    }

    /** A login completed in this session: records it, and ends the user's oldest sessions beyond the limit. */
    public void signedIn(HttpSession session, PortalPrincipal user, String sourceIp) {
        session.setAttribute(SIGNED_IN_AT, clock.instant());
        session.setAttribute(USER_ID, user.userId());
        session.setAttribute(ACCOUNT_ID, user.accountId());
        List<HttpSession> ended = new ArrayList<>();
        sessions.compute(user.userId(), (id, list) -> {
            List<HttpSession> live = list == null ? new ArrayList<>() : new ArrayList<>(list);
            live.removeIf(s -> s.getId().equals(session.getId()) || s == session);
            live.add(session);
            live.sort(Comparator.comparing(SessionRegistry::signedInAt));
            while (live.size() > maxPerUser) {
                ended.add(live.remove(0));
            }
            return live;
        });
        if (!ended.isEmpty()) {
            ended.forEach(SessionRegistry::invalidateQuietly);
            record(user, sourceIp, AuditAction.SESSION_LIMIT, ended.size() + " oldest session(s) ended: at most " + maxPerUser + " per user");
        }
    }

    /** Ends every session of the user (this one included); audited. */
    public int logoutEverywhere(PortalPrincipal user, String sourceIp) {
        List<HttpSession> all = sessions.remove(user.userId());
        int count = all == null ? 0 : all.size();
        if (all != null) {
            all.forEach(SessionRegistry::invalidateQuietly);
        }
        record(user, sourceIp, AuditAction.LOGOUT_EVERYWHERE, count + " session(s) ended");
        return count;
    }

    /** A user was disabled: their sessions end now. */
    void userDisabled(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
            io.keyswitch.user.UserDisabled event) {
        endAll(event.userId(), "user disabled");
    }

    /** A user got a new one-time password from an administrator: their sessions end now. */
    void passwordReset(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
            io.keyswitch.user.PasswordReset event) {
        endAll(event.userId(), "password reset by an administrator");
    }

    /** An account was disabled: the sessions of all its users end now. */
    void accountChanged(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
            io.keyswitch.account.AccountChanged event) {
        if (!io.keyswitch.account.AccountChanged.STATUS.equals(event.what())) {
            return;
        }
        List<Long> users = new ArrayList<>();
        sessions.forEach((userId, list) -> {
            if (list.stream().anyMatch(s -> Long.valueOf(event.accountId()).equals(attribute(s, ACCOUNT_ID)))) {
                users.add(userId);
            }
        });
        // ends them only if the account is disabled now: SessionLimitsFilter asks at each request anyway
        users.forEach(userId -> endIfNotAllowed(userId));
    }

    /** Ends every session of the user in this portal (not audited: the change that caused it is). */
    public int endAll(long userId, String why) {
        List<HttpSession> all = sessions.remove(userId);
        if (all == null) {
            return 0;
        }
        all.forEach(SessionRegistry::invalidateQuietly);
        LOG.info("Ended " + all.size() + " session(s) of user " + userId + ": " + why + ".");
        return all.size();
    }

    private void endIfNotAllowed(long userId) {
        jakarta.enterprise.inject.spi.CDI.current().select(io.keyswitch.security.LoginService.class).get()
                .stillAllowed(userId).ifPresent(why -> endAll(userId, why));
    }

    private static Object attribute(HttpSession s, String name) {
        try {
            return s.getAttribute(name);
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** How many sessions the user has in this portal now. */
    public int count(long userId) {
        return sessions.getOrDefault(userId, List.of()).size();
    }

    /** Whether the session has outlived the absolute timeout. */
    boolean expired(HttpSession session) {
        Object at = session.getAttribute(SIGNED_IN_AT);
        return at instanceof Instant signedIn && !clock.instant().isBefore(signedIn.plus(absoluteTimeout));
    }

    /** The container ended a session (timeout, logout): forget it. */
    void ended(HttpSession session) {
        Object id = session.getAttribute(USER_ID);
        if (id instanceof Long userId) {
            sessions.computeIfPresent(userId, (k, list) -> {
                List<HttpSession> rest = new ArrayList<>(list);
                rest.removeIf(s -> s == session || s.getId().equals(session.getId()));
                return rest.isEmpty() ? null : rest;
            });
        }
    }

    void record(PortalPrincipal user, String sourceIp, AuditAction action, String details) {
        audit.record(AuditEntry.self(user, action, Outcome.SUCCESS, sourceIp).withDetails(details));
    }

    private static Instant signedInAt(HttpSession s) {
        try {
            Object at = s.getAttribute(SIGNED_IN_AT);
            return at instanceof Instant i ? i : Instant.EPOCH;
        } catch (IllegalStateException invalidated) {
            return Instant.EPOCH;
        }
    }

    private static void invalidateQuietly(HttpSession s) {
        try {
            s.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // ended meanwhile
        }
    }
}
