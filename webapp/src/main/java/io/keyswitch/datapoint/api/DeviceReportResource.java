package io.keyswitch.datapoint.api;

import io.keyswitch.datapoint.DeviceCredentials;
import io.keyswitch.datapoint.DeviceReports;
import io.keyswitch.datapoint.Reading;
import io.keyswitch.datapoint.ReportAnswer;
import io.keyswitch.datapoint.api.DeviceReportJson.AnswerOut;
import io.keyswitch.datapoint.api.DeviceReportJson.ReportIn;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.OwnAuthentication;
import io.keyswitch.platform.api.Problem;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /api/v1/device-reports}: a router reports its data points with its own identity and secret (the VPN's),
 * no API token, over the portal's HTTPS port — from the internet or through its tunnel, the same URL. Wrong
 * credentials are 401 and count in the login jail like a wrong VPN login; a jailed client gets 429; a bad report is a
 * 400 problem naming the field, and nothing of it is stored; a portal too busy to store it in time answers 503 with
 * {@code Retry-After}. The answer says whether the tunnel is wanted now. It is
 * described in {@code docs/integrate/device-api.md}, not in {@code /openapi}, which describes the token API.
 */
@Path("device-reports")
@OwnAuthentication
public class DeviceReportResource {

    @Inject
    DeviceCredentials credentials;

    @Inject
    DeviceReports reports;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // not for programs with an API token: /openapi describes the token API only
    public Response report(@Context HttpHeaders headers, ReportIn in) {
        Optional<DeviceAuthorization> auth = DeviceAuthorization.parse(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                in == null ? null : in.device());
        if (auth.isEmpty()) {
            return unauthorized("Send the device's identity and secret: Authorization: Basic (device-42 and the secret),"
                    + " or Authorization: Bearer <secret> with \"device\": \"device-42\" in the body.");
        }
        if (in != null && in.device() != null && !in.device().equals(auth.get().identity())) {
            throw ValidationFailed.of("device", "Names another device than the one authenticated: leave it out or send "
                    + auth.get().identity() + ".");
        }
        String address = request.getRemoteAddr();
        DeviceCredentials.Verdict outcome = credentials.check(auth.get().identity(), auth.get().secret(), address);
        if (outcome instanceof DeviceCredentials.Jailed jailed) {
            return Problem.tooManyRequests(jailed.until(), clock.instant());
        }
        if (outcome instanceof DeviceCredentials.Refused refused) {
            return Problem.response(403, "Forbidden", refused.reason());
        }
        if (!(outcome instanceof DeviceCredentials.Accepted device)) {
            return unauthorized("Wrong device identity or secret.");
        }
        if (in == null) {
            throw ValidationFailed.of("body", "Send the report as JSON: {\"system\": {\"in1\": true}, \"values\": [...]}.");
        }
        List<Reading> readings = DeviceReportJson.readings(in, reports.settings().maxPerReport());
        ReportAnswer answer;
        try {
            try {
                answer = reports.accept(device.accountId(), device.deviceId(), device.tunnelMode(), in.time(), readings,
                        address);
            } catch (PersistenceException | TransactionalException concurrent) {
                // another writer made the same new data point at the same moment, or the database chose this report as
                // a deadlock's victim: nothing of it was stored; the second try sees the other's rows
                answer = reports.accept(device.accountId(), device.deviceId(), device.tunnelMode(), in.time(), readings,
                        address);
            }
        } catch (DeviceReports.Busy busy) {
            return Response.fromResponse(Problem.response(503, "Service Unavailable", busy.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, busy.retryAfterSeconds()).build();
        }
        return Response.ok(new AnswerOut(answer.tunnelWanted() ? "wanted" : "not-needed", answer.intervalSeconds(),
                answer.stored(), answer.received().toString())).build();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.response(401, "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"keyswitch-devices\", charset=\"UTF-8\"").build();
    }
}
