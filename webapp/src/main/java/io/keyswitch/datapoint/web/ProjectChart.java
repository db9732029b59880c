package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.history.History;
import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.datapoint.history.HistoryQuery;
import io.keyswitch.datapoint.history.HistoryQuery.DevicePoint;
import io.keyswitch.platform.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart of one data point across the devices of a project (or of all devices): one line per device over the last
 * day, week, month or year — raw values for a day, the hourly or daily means for longer periods, read by the device
 * chart's own history query. At most {@link #DEVICES} devices, by name; the summary says when there are more.
 */
@ApplicationScoped
public class ProjectChart {

    /** Lines one chart draws at most. */
    static final int DEVICES = 10;

    /** The Chart.js configuration ({@code null}: nothing to draw) and the line above the chart. */
    public record Drawn(String chart, String summary) {
    }

    @Inject
    HistoryQuery history;

    @Inject
    Clock clock;

    public Drawn draw(Actor actor, Long projectId, String point, HistoryPeriod.Length period) {
        List<DevicePoint> chosen = history.pointsNamed(actor, projectId, point, DEVICES);
        long all = chosen.size() < DEVICES ? chosen.size() : history.countPointsNamed(actor, projectId, point);
        HistoryPeriod span = HistoryPeriod.last(period, clock.instant());
        List<History> lines = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        int values = 0;
        for (DevicePoint p : chosen) {
            History h = history.history(actor, p.point().getDeviceId(), point, span, HistoryChart.aggregationFor(period));
            values += h.raw().size() + h.aggregates().size();
            lines.add(h);
            devices.add(p.device());
        }
        String shown = all > chosen.size() ? chosen.size() + " of " + all + " devices (the first by name)"
                : chosen.size() + (chosen.size() == 1 ? " device" : " devices");
        return new Drawn(values == 0 ? null : HistoryChart.lines(lines, devices),
                shown + (values == 0 ? "; no values in this period." : ""));
    }
}
