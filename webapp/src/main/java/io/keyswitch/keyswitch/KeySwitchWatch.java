package io.keyswitch.keyswitch;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.connection.ConnectionService;
import io.keyswitch.datapoint.DataPointType;
import io.keyswitch.datapoint.Reading;
import io.keyswitch.datapoint.ReportStored;
import io.keyswitch.vpn.LiveStatusBoard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Watches the reports for turns of the key switch (data point {@code in1}): each turn is an audit event
 * ({@code device.key-switch-changed}) in the report's own transaction, so it is recorded exactly when the report is;
 * after the report is committed, a switch turned off makes the connection engine check every live connection now
 * (they end within its check, not at the next sweep), and any turn refreshes the pages that show it (My machines).
 */
@ApplicationScoped
public class KeySwitchWatch {

    @Inject
    AuditTrail audit;

    @Inject
    ConnectionService connections;

    @Inject
    LiveStatusBoard board;

    /** In the report's transaction: a turn is audited (the device is the actor). */
    void reported(@Observes ReportStored report) {
        turn(report).ifPresent(after -> audit.record(AuditEntry.of(AuditAction.DEVICE_KEY_SWITCH_CHANGED, Outcome.SUCCESS)
                .in(report.accountId()).by("device:" + report.deviceId(), null).on("device:" + report.deviceId())
                .withDetails(Changes.of().field(KeySwitches.DATA_POINT, report.previous().get(KeySwitches.DATA_POINT), after)
                        .toJson())));
    }

    /** After the report's commit: connections checked at once when the switch went off. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportStored report) {
        turn(report).ifPresent(after -> {
            if (after.equals("off")) {
                connections.consentChanged();
            }
            board.changed(report.accountId());
        });
    }

    /**
     * The switch as the report turned it ({@code on}/{@code off}), or empty when the report did not turn it. A device's
     * first report of the switch is no turn (its data point's history has it): else the first reports of 20,000 new
     * routers would be 20,000 audit events, each taking its account's chain lock.
     */
    static Optional<String> turn(ReportStored report) {
        String before = report.previous().get(KeySwitches.DATA_POINT);
        return report.current().stream().filter(r -> r.name().equals(KeySwitches.DATA_POINT)
                        && r.type() == DataPointType.BOOLEAN).findFirst()
                .map(r -> Reading.shown(DataPointType.BOOLEAN, r.number(), null))
                .filter(after -> before != null && !after.equals(before));
    }
}
