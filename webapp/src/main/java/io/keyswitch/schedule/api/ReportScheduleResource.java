package io.keyswitch.schedule.api;

import io.keyswitch.account.AccountTimeZones;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.schedule.ReportSchedule;
import io.keyswitch.schedule.ReportSchedules;
import io.keyswitch.schedule.ScheduleForm;
import io.keyswitch.schedule.ScheduleRun;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Scheduled reports: a report kind with its filter, mailed as PDF and/or CSV for the previous day, week or month at a
 * time in the account's time zone. The caller's own schedules (an account administrator sees and may delete all of the
 * account's); every change with a reason, audited; runs listed newest first; "send now".
 */
@Path("report-schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportScheduleResource {

    @Inject
    ReportSchedules schedules;

    @Inject
    AccountTimeZones zones;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    public record ScheduleOut(long id, long ownerId, String name, String kind, Map<String, String> filter, String period,
                              String cadence, String weekday, Integer monthDay, String at, String timeZone, String when,
                              List<String> recipients, boolean pdf, boolean csv, Instant nextRunAt) {
        static ScheduleOut of(ReportSchedule s, String zone) {
            return new ScheduleOut(s.getId(), s.getOwnerId(), s.getName(), s.getKind(), ReportSchedules.filterOf(s),
                    s.getPeriod().name(), s.getCadence().name(), s.getWeekday() == null ? null : s.getWeekday().name(),
                    s.getMonthDay(), s.getAtTime().toString(), zone, s.when(), List.of(s.getRecipients().split(",\\s*")),
                    s.isAttachPdf(), s.isAttachCsv(), s.getNextRunAt());
        }
    }

    public record ScheduleIn(String name, String kind, Map<String, String> filter, String period, String cadence,
                             String weekday, Integer monthDay, String at, List<String> recipients, Boolean pdf, Boolean csv,
                             String reason) {
        ScheduleForm form() {
            return new ScheduleForm(name, kind, filter, period, cadence, weekday, monthDay, at, recipients, pdf, csv);
        }
    }

    public record RunOut(long id, String startedBy, Instant dueAt, Instant periodFrom, Instant periodTo, String state,
                         int attempts, Instant nextAttemptAt, String lastError, Long rows, Long bytes, String note,
                         Instant finishedAt) {
        static RunOut of(ScheduleRun r) {
            return new RunOut(r.getId(), r.getStartedBy().name(), r.getDueAt(), r.getPeriodFrom(), r.getPeriodTo(),
                    r.getState().name(), r.getAttempts(), r.getNextAttemptAt(), r.getLastError(), r.getRowCount(),
                    r.getByteCount(), r.getNote(), r.getFinishedAt());
        }
    }

    public record TimeZoneOut(String timeZone) {
    }

    public record TimeZoneIn(String timeZone, String reason) {
    }

    @GET
    @Operation(summary = "The caller's scheduled reports (all of the account's with settings:manage)")
    public Paged<ScheduleOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
                                   @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        String zone = schedules.zone(actor).getId();
        return Paged.of(schedules.page(actor, paging.first(), paging.size()).stream().map(s -> ScheduleOut.of(s, zone)).toList(),
                paging, schedules.count(actor));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One scheduled report")
    public ScheduleOut get(@PathParam("id") long id) {
        Actor actor = caller();
        return ScheduleOut.of(schedules.find(actor, id), schedules.zone(actor).getId());
    }

    @POST
    @Operation(summary = "Schedule a report (kinds the caller may run: GET /reports)")
    public Response create(ScheduleIn in) {
        ScheduleIn s = body(in);
        Actor actor = caller();
        ScheduleOut out = ScheduleOut.of(schedules.create(actor, s.form(), s.reason()), schedules.zone(actor).getId());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a scheduled report (all fields; its owner only)")
    public ScheduleOut update(@PathParam("id") long id, ScheduleIn in) {
        ScheduleIn s = body(in);
        Actor actor = caller();
        return ScheduleOut.of(schedules.update(actor, id, s.form(), s.reason()), schedules.zone(actor).getId());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a scheduled report; ?reason= (its owner, or settings:manage)")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        schedules.delete(caller(), id, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/runs")
    @Operation(summary = "A scheduled report's runs, newest first: state (PENDING, SENT, FAILED), period, rows, last error")
    public Paged<RunOut> runs(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") Integer page,
                              @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(schedules.runs(actor, id, paging.first(), paging.size()).stream().map(RunOut::of).toList(), paging,
                schedules.countRuns(actor, id));
    }

    @POST
    @Path("{id}/send-now")
    @Operation(summary = "Send a scheduled report now, for its period as of now (its owner only); 202 with the run")
    public Response sendNow(@PathParam("id") long id) {
        return Response.accepted(RunOut.of(schedules.sendNow(caller(), id))).build();
    }

    @GET
    @Path("time-zone")
    @Operation(summary = "The account's time zone, in which schedules run")
    public TimeZoneOut timeZone() {
        return new TimeZoneOut(zones.of(caller().accountId()).getId());
    }

    @PUT
    @Path("time-zone")
    @Operation(summary = "Change the account's time zone (IANA id, e.g. Europe/Berlin; right settings:manage)")
    public TimeZoneOut changeTimeZone(TimeZoneIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the time zone as JSON.");
        }
        return new TimeZoneOut(zones.change(caller(), in.timeZone(), in.reason()).getId());
    }

    private static ScheduleIn body(ScheduleIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the scheduled report as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
