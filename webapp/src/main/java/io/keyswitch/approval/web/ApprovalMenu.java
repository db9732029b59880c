package io.keyswitch.approval.web;

import io.keyswitch.approval.ApprovalRequest;
import io.keyswitch.approval.ApprovalRequests;
import io.keyswitch.approval.ApprovalRules;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.Pages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Approvals on other pages, once per request: the menu's and the home page's "Approvals (n)" (requests waiting for
 * the person's answer), the device page's rule line, My machines' "Request approval" and the warning before an
 * approved window ends.
 */
@Named
@RequestScoped
public class ApprovalMenu {

    @Inject
    ApprovalRequests requests;

    @Inject
    ApprovalRules rules;

    @Inject
    Clock clock;

    private Long toAnswer;

    /** How many requests wait for the signed-in person's answer. */
    public long getToAnswer() {
        if (toAnswer == null) {
            toAnswer = requests.countToAnswer(actor());
        }
        return toAnswer;
    }

    public String getLabel() {
        return getToAnswer() == 0 ? "Approvals" : "Approvals (" + getToAnswer() + ")";
    }

    /** Whether connections to the device need approval (My machines shows "Request approval" beside Connect). */
    public boolean needed(long deviceId) {
        return rules.inForce(deviceId).needed();
    }

    /** The device page's line: "Connections need approval by group Operators (as its project)." */
    public String ruleOfDevice(long deviceId) {
        return rules.ofDevice(actor(), deviceId).words();
    }

    /** "Your approved window for Press 9 ends at … (in 4 min): save your work." for each window ending soon. */
    public List<String> getWarnings() {
        return requests.endingSoon(actor()).stream().map(this::warning).toList();
    }

    private String warning(ApprovalRequest q) {
        long minutes = Math.max(1, Duration.between(clock.instant(), q.getWindowEnd()).toSeconds() / 60);
        return "Your approved window for " + q.getDeviceName() + " ends at " + Formats.timeOf(q.getWindowEnd()) + " (in "
                + minutes + " min): your connection is closed then. Save your work.";
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }
}
