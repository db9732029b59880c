package io.keyswitch.datapoint.report;

import io.keyswitch.access.AccessService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.report.ReportFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Which devices a devices report may show an actor, as SQL conditions on {@code device d}: a system administrator
 * ({@code account:manage}) any account's (the filter's, or all); with {@code device:view} (the device list's right) every
 * device of the own account; a technician with only {@code device:connect} the devices their grants reach (their
 * machines, at most {@value #MAX_GRANTED}); the filter's project and device on top. A filter naming another account, or
 * a project or device outside the scope, is {@link NotFound}, as if it did not exist.
 *
 * @param granted null: no restriction by grants; else the ids (empty: none)
 */
record DeviceScope(Long accountId, Long projectId, Long deviceId, List<Long> granted) {

    /** Technicians see the report of at most this many of their granted devices. */
    static final int MAX_GRANTED = 10_000;

    static boolean allowed(Actor actor) {
        return actor.rights().test(Rights.ACCOUNT_MANAGE) || actor.rights().test(Rights.DEVICE_VIEW)
                || actor.rights().test(Rights.DEVICE_CONNECT);
    }

    static DeviceScope of(Actor actor, ReportFilter filter, AccessService access) {
        if (!allowed(actor)) {
            throw new Forbidden(Rights.DEVICE_VIEW);
        }
        if (actor.rights().test(Rights.ACCOUNT_MANAGE)) {
            return new DeviceScope(filter.accountId(), filter.projectId(), filter.deviceId(), null);
        }
        if (filter.accountId() != null && filter.accountId() != actor.accountId()) {
            throw new NotFound("account");
        }
        List<Long> granted = actor.rights().test(Rights.DEVICE_VIEW) ? null
                : access.myDevices(actor, null, 0, MAX_GRANTED).deviceIds();
        return new DeviceScope(actor.accountId(), filter.projectId(), filter.deviceId(), granted);
    }

    /** The conditions on {@code d} (joined with AND), their parameters appended to {@code params}. */
    String where(List<Object> params) {
        List<String> parts = new ArrayList<>();
        if (accountId != null) {
            parts.add("d.account_id = ?");
            params.add(accountId);
        }
        if (projectId != null) {
            parts.add("d.project_id = ?");
            params.add(projectId);
        }
        if (deviceId != null) {
            parts.add("d.id = ?");
            params.add(deviceId);
        }
        if (granted != null) {
            parts.add(granted.isEmpty() ? "FALSE" : "d.id IN (" + ids(granted) + ")");
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    /** Ids as SQL text (longs only, nothing a user typed). */
    static String ids(List<Long> ids) {
        return String.join(",", ids.stream().map(id -> Long.toString(id)).toList());
    }
}
