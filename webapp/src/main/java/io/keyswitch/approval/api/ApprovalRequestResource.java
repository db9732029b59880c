package io.keyswitch.approval.api;

import io.keyswitch.approval.ApprovalRequest;
import io.keyswitch.approval.ApprovalRequests;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Connection requests: a technician asks to connect to a device that needs approval; members of the approvers' group
 * approve (perhaps a shorter window) or refuse with a comment, and may end an approved window early. Times are UTC
 * ISO-8601.
 */
@Path("approval-requests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalRequestResource {

    @Inject
    ApprovalRequests requests;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** A request: the device, why, an optional order number, the wanted start (null: now) and minutes. */
    public record RequestIn(Long deviceId, String reason, String orderNumber, String start, Integer minutes) {
    }

    /** An answer: the comment (required to refuse or end) and, to approve a shorter window, a start and/or minutes. */
    public record AnswerIn(String comment, String start, Integer minutes) {
    }

    /** A request as the API shows it; {@code youMayAnswer}: the caller is a member of its approvers' group. */
    public record RequestOut(long id, Long deviceId, String device, Long userId, String user, Long approversGroupId,
                             String reason, String orderNumber, String wantedStart, String wantedEnd, int wantedMinutes,
                             String requestedAt, String expiresAt, String state, String windowStart, String windowEnd,
                             String decidedBy, String decidedAt, String comment, String endedBy, String endedAt,
                             String endComment, boolean youMayAnswer) {
        static RequestOut of(ApprovalRequest q, boolean approver) {
            return new RequestOut(q.getId(), q.getDeviceId(), q.getDeviceName(), q.getUserId(), q.getUserName(),
                    q.getUserGroupId(), q.getReason(), q.getOrderNumber(), text(q.wanted().start()), text(q.wanted().end()),
                    q.getWantedMinutes(), text(q.getRequestedAt()), text(q.getExpiresAt()), q.getState().name(),
                    text(q.getWindowStart()), text(q.getWindowEnd()), q.getDecidedBy(), text(q.getDecidedAt()),
                    q.getDecisionComment(), q.getEndedBy(), text(q.getEndedAt()), q.getEndComment(), approver);
        }
    }

    @POST
    @Operation(summary = "Ask approval to connect to a device in a window (right device:connect, a grant on the device)")
    public Response create(RequestIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the request as JSON.");
        }
        Actor actor = caller();
        ApprovalRequest q = requests.request(actor, in.deviceId(), in.reason(), in.orderNumber(), in.start(), in.minutes());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(q.getId())).build())
                .entity(RequestOut.of(q, false)).build();
    }

    @GET
    @Operation(summary = "Requests, newest first: which=all|pending|to-answer|mine (default all: the caller's own and"
            + " those their groups answer; all of the account with connection:view), state, text (device or user name prefix)")
    public Paged<RequestOut> list(@QueryParam("which") @DefaultValue("all") String which, @QueryParam("state") String state,
                                  @QueryParam("text") String text, @QueryParam("page") @DefaultValue("0") Integer page,
                                  @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        ApprovalRequests.Filter filter = new ApprovalRequests.Filter(which(which), state(state), text);
        return Paged.of(requests.page(actor, filter, paging.first(), paging.size()).stream()
                .map(q -> RequestOut.of(q, requests.isApprover(actor, q))).toList(), paging, requests.count(actor, filter));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One request: the caller's own, one their group answers, or any with connection:view")
    public RequestOut get(@PathParam("id") long id) {
        Actor actor = caller();
        ApprovalRequest q = requests.find(actor, id);
        return RequestOut.of(q, requests.isApprover(actor, q));
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve a request (a member of its approvers' group): comment, optional shorter window (start, minutes)")
    public RequestOut approve(@PathParam("id") long id, AnswerIn in) {
        AnswerIn a = in == null ? new AnswerIn(null, null, null) : in;
        return RequestOut.of(requests.approve(caller(), id, a.comment(), a.start(), a.minutes()), true);
    }

    @POST
    @Path("{id}/refuse")
    @Operation(summary = "Refuse a request with a comment (a member of its approvers' group)")
    public RequestOut refuse(@PathParam("id") long id, AnswerIn in) {
        return RequestOut.of(requests.refuse(caller(), id, in == null ? null : in.comment()), true);
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End an approved window now, with a comment: the technician's connection to the device closes"
            + " (a member of its approvers' group)")
    public RequestOut end(@PathParam("id") long id, AnswerIn in) {
        return RequestOut.of(requests.end(caller(), id, in == null ? null : in.comment()), true);
    }

    private static ApprovalRequests.Which which(String text) {
        try {
            return ApprovalRequests.Which.valueOf(text.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("which", "which is all, pending, to-answer or mine.");
        }
    }

    private static ApprovalRequest.State state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ApprovalRequest.State.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("state", "state is pending, approved, refused, expired or ended.");
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
