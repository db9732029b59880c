package io.keyswitch.approval.api;

import io.keyswitch.approval.ApprovalRules;
import io.keyswitch.approval.ApprovalSetting;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Who approves connections: a device's rule (INHERIT its project's, NONE, GROUP with the user group), a project's
 * default (NONE or GROUP), and how long the account's requests wait for an answer; each change with a reason, audited.
 */
@Path("approval")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalRuleResource {

    @Inject
    ApprovalRules rules;

    @Context
    HttpServletRequest request;

    /** A rule: its own mode and group, and — for a device — whether approval is needed and by which group. */
    public record RuleOut(String mode, Long userGroupId, String userGroup, boolean approvalNeeded, Long approversGroupId,
                          String approversGroup, String words) {
        static RuleOut of(ApprovalSetting s) {
            return new RuleOut(s.mode().name(), s.userGroupId(), s.groupName(), s.needed(), s.effectiveGroup(),
                    s.effectiveGroupName(), s.words());
        }
    }

    /** A change of a rule: mode, the group for GROUP, and the reason. */
    public record RuleIn(String mode, Long userGroupId, String reason) {
    }

    /** The account's answer time in minutes. */
    public record SettingsOut(int expireMinutes) {
    }

    public record SettingsIn(Integer expireMinutes, String reason) {
    }

    @GET
    @Path("devices/{id}")
    @Operation(summary = "A device's approval rule and what is in force (right device:view)")
    public RuleOut device(@PathParam("id") long id) {
        return RuleOut.of(rules.ofDevice(caller(), id));
    }

    @PUT
    @Path("devices/{id}")
    @Operation(summary = "Set a device's approval rule: mode INHERIT|NONE|GROUP, userGroupId for GROUP, reason (right device:edit)")
    public RuleOut changeDevice(@PathParam("id") long id, RuleIn in) {
        RuleIn r = body(in);
        return RuleOut.of(rules.changeDevice(caller(), id, r.mode(), r.userGroupId(), r.reason()));
    }

    @GET
    @Path("projects/{id}")
    @Operation(summary = "A project's default approval rule (right device:view)")
    public RuleOut project(@PathParam("id") long id) {
        return RuleOut.of(rules.ofProject(caller(), id));
    }

    @PUT
    @Path("projects/{id}")
    @Operation(summary = "Set a project's default approval rule: mode NONE|GROUP, userGroupId for GROUP, reason (right project:manage)")
    public RuleOut changeProject(@PathParam("id") long id, RuleIn in) {
        RuleIn r = body(in);
        return RuleOut.of(rules.changeProject(caller(), id, r.mode(), r.userGroupId(), r.reason()));
    }

    @GET
    @Path("settings")
    @Operation(summary = "How long the account's connection requests wait for an answer")
    public SettingsOut settings() {
        return new SettingsOut(rules.expiryMinutes(caller().accountId()));
    }

    @PUT
    @Path("settings")
    @Operation(summary = "Set how long requests wait for an answer: expireMinutes 5-10080, reason (right settings:manage)")
    public SettingsOut changeSettings(SettingsIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the settings as JSON.");
        }
        return new SettingsOut(rules.changeExpiry(caller(), in.expireMinutes(), in.reason()));
    }

    private static RuleIn body(RuleIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the rule as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
