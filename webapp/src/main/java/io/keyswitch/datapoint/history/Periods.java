package io.keyswitch.datapoint.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The periods history is cut into: UTC hours (what the job aggregates) and UTC days (summed from hours). */
public final class Periods {

    private Periods() {
    }

    /** The start of the UTC hour {@code at} is in: 10:00:00.000 and 10:59:59.999 are both in the hour 10:00. */
    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /** The start of the UTC day {@code at} is in. */
    public static Instant dayOf(Instant at) {
        return at.truncatedTo(ChronoUnit.DAYS);
    }

    /** Hours summed into UTC days; {@code hours} are one point's, by time. */
    public static List<HourAggregate> days(List<HourAggregate> hours) {
        List<HourAggregate> out = new ArrayList<>();
        HourAggregate day = null;
        for (HourAggregate h : hours) {
            Instant d = dayOf(h.start());
            if (day != null && day.start().equals(d)) {
                day = day.plus(h);
            } else {
                if (day != null) {
                    out.add(day);
                }
                day = new HourAggregate(h.pointId(), d, h.min(), h.max(), h.sum(), h.count());
            }
        }
        if (day != null) {
            out.add(day);
        }
        return out;
    }
}
