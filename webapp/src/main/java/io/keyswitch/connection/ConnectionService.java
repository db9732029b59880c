package io.keyswitch.connection;

import io.keyswitch.platform.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * What pages and the API call: Connect (checked and recorded, then opened at once when the technician's VPN is up),
 * Disconnect, an administrator's End with a reason, and the lists. Each action answers with the connection as it is
 * after the engine's first attempt.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class.getName());
    /** How long an action waits for the engine before it answers with what is known. */
    private static final long WAIT_SECONDS = 10;

    @Inject
    ConnectionRequests requests;

    @Inject
    ConnectionEngine engine;

    /** The signed-in technician's Connect to {@code deviceId}. */
    public Connection connect(Actor actor, long deviceId, String reason, String orderNumber) {
        Connection c = requests.request(actor, deviceId, reason, orderNumber, engine.settings().maxOpen());
        await(engine.open(c.getId()));
        return requests.visible(actor, c.getId());
    }

    /** The technician ends their own connection. */
    public Connection disconnect(Actor actor, long id) {
        requests.ownLive(actor, id);
        await(engine.close(id, CloseCause.DISCONNECTED, actor.name(), actor.userId(), actor.sourceIp(), null));
        return requests.visible(actor, id);
    }

    /** An administrator ends someone's connection, with a reason (right {@code connection:end}). */
    public Connection end(Actor actor, long id, String reason) {
        String why = requests.checkEnd(actor, id, reason);
        await(engine.close(id, CloseCause.ENDED, actor.name(), actor.userId(), actor.sourceIp(), why));
        return requests.visible(actor, id);
    }

    /**
     * Ends technician {@code userId}'s live connections to {@code deviceId} with {@code cause}, in {@code actor}'s name
     * and with their words — for a consent's owner that has checked the actor may (an approver ending the window they
     * approved: {@link CloseCause#ENDED_BY_APPROVER}).
     *
     * @return how many were closed
     */
    public int endForConsent(Actor actor, long userId, long deviceId, CloseCause cause, String why) {
        List<Long> live = requests.liveOf(actor.accountId(), userId, deviceId);
        live.forEach(id -> await(engine.close(id, cause, actor.name(), actor.userId(), actor.sourceIp(), why)));
        return live.size();
    }

    public Connection find(Actor actor, long id) {
        return requests.visible(actor, id);
    }

    public List<ConnectionComponent> components(Actor actor, long id) {
        return requests.components(actor, id);
    }

    public Map<Long, List<ConnectionComponent>> components(List<Connection> connections) {
        return requests.components(connections);
    }

    /** The components of connections the caller has already scoped (a report's page), in one query, by connection id. */
    public Map<Long, List<ConnectionComponent>> componentsOf(List<Long> connectionIds) {
        return requests.componentsOf(connectionIds);
    }

    public long count(Actor actor, ConnectionQuery query) {
        return requests.count(actor, query);
    }

    public List<Connection> page(Actor actor, ConnectionQuery query, int first, int size) {
        return requests.page(actor, query, first, size);
    }

    public long countLive(Actor actor) {
        return requests.countLive(actor);
    }

    /** Why {@code actor} cannot connect to {@code deviceId} now for want of a consent (key switch, approval, reports). */
    public Optional<String> consentMissing(Actor actor, long deviceId) {
        return requests.consentMissing(actor, deviceId);
    }

    /**
     * Checks every live connection now — for a consent's owner whose consent changed (key switch turned off, approval
     * window over): connections it no longer lets go on are closed with the consent's cause.
     */
    public void consentChanged() {
        engine.sweepSoon();
    }

    /** Why connections cannot open now, if they cannot (shown on the pages). */
    public Optional<String> problem() {
        return engine.problem();
    }

    /** What a waiting connection waits for, in words; empty for an open or closed one. */
    public Optional<String> waitingFor(Connection c, boolean tunnelUp) {
        if (c.getState() != ConnectionState.WAITING) {
            return Optional.empty();
        }
        if (!tunnelUp) {
            return Optional.of("waiting for your VPN");
        }
        return Optional.of(engine.problem().orElse("opening…"));
    }

    private static void await(Future<?> done) {
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warning("the connection engine did not finish within " + WAIT_SECONDS + " s; answering with what is known");
        } catch (ExecutionException e) {
            LOG.warning("the connection engine failed: " + e.getCause());
        }
    }
}
