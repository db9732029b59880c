package io.keyswitch.alarm.api;

import io.keyswitch.alarm.Alarm;
import io.keyswitch.alarm.AlarmMessage;
import io.keyswitch.alarm.Alarms;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The alarms the caller may see, newest first, and acknowledging one (right alarm:view or alarm:manage). */
@Path("alarms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlarmResource {

    @Inject
    Alarms alarms;

    @Context
    HttpServletRequest request;

    /** An alarm; {@code messages} (who was told how, sent or pending) only when one alarm is asked for. */
    public record AlarmOut(long id, long deviceId, String device, Long ruleId, String rule, String severity, String text,
                           String value, String state, Instant raisedAt, Instant clearedAt, Instant acknowledgedAt,
                           String acknowledgedBy, String comment, List<MessageOut> messages) {

        static AlarmOut of(Alarm a, String device, List<MessageOut> messages) {
            return new AlarmOut(a.getId(), a.getDeviceId(), device, a.getRuleId(), a.getRuleName(), a.getSeverity().name(),
                    a.getText(), a.getValue(), a.getState(), a.getRaisedAt(), a.getClearedAt(), a.getAcknowledgedAt(),
                    a.getAcknowledgedBy(), a.getAckComment(), messages);
        }
    }

    /** One message of an alarm: PENDING until the server took it (attempts and the last error say why it waits). */
    public record MessageOut(String channel, String recipient, String state, int attempts, Instant nextAttemptAt,
                             String lastError, Instant sentAt) {
        static MessageOut of(AlarmMessage m) {
            return new MessageOut(m.getChannel().name(), m.getRecipient(), m.getState().name(), m.getAttempts(),
                    m.getNextAttemptAt(), m.getLastError(), m.getSentAt());
        }
    }

    /** What acknowledges an alarm: what was done, or why it needs nothing (kept in the audit trail). */
    public record AcknowledgeIn(String comment) {
    }

    @GET
    @Operation(summary = "Alarms, newest first; filters: deviceId, severity (INFO, WARNING, CRITICAL), state (active,"
            + " cleared, unacknowledged) (right alarm:view; technicians: the devices their grants reach)")
    public Paged<AlarmOut> list(@QueryParam("deviceId") Long deviceId, @QueryParam("severity") String severity,
                                @QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") Integer page,
                                @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        Alarms.Filter filter = Alarms.Filter.of(deviceId, severity, state);
        List<Alarm> found = alarms.page(actor, filter, "raisedAt", false, paging.first(), paging.size());
        Map<Long, String> names = alarms.deviceNames(actor, found.stream().map(Alarm::getDeviceId).collect(Collectors.toSet()));
        return Paged.of(found.stream().map(a -> AlarmOut.of(a, names.get(a.getDeviceId()), null)).toList(), paging,
                alarms.count(actor, filter));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alarm with its messages (sent or pending) (right alarm:view)")
    public AlarmOut get(@PathParam("id") long id) {
        Actor actor = caller();
        return detail(actor, alarms.find(actor, id));
    }

    @POST
    @Path("{id}/acknowledge")
    @Operation(summary = "Acknowledge an alarm with a comment, audited (right alarm:view)")
    public AlarmOut acknowledge(@PathParam("id") long id, AcknowledgeIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send {\"comment\": \"…\"} as JSON.");
        }
        Actor actor = caller();
        return detail(actor, alarms.acknowledge(actor, id, in.comment()));
    }

    private AlarmOut detail(Actor actor, Alarm a) {
        return AlarmOut.of(a, alarms.deviceNames(actor, Set.of(a.getDeviceId())).get(a.getDeviceId()),
                alarms.messages(actor, a.getId()).stream().map(MessageOut::of).toList());
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
