package io.keyswitch.workreport;

import java.time.Instant;

/**
 * What a list of work reports shows: all, open or written ones ({@code state} null: all), of one device, technician or
 * project, whose connection closed in {@code [from, to)}, whose device or technician name starts with {@code text};
 * each condition left null means "any".
 */
public record WorkReportQuery(ReportState state, Long deviceId, Long userId, Long projectId, Instant from, Instant to,
                              String text) {

    public static WorkReportQuery all() {
        return new WorkReportQuery(null, null, null, null, null, null, null);
    }

    public WorkReportQuery withText(String typed) {
        return new WorkReportQuery(state, deviceId, userId, projectId, from, to, typed);
    }
}
