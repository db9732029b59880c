package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointType;
import io.keyswitch.datapoint.history.Aggregation;
import io.keyswitch.datapoint.history.History;
import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.datapoint.history.HistoryQuery;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.List;

/**
 * The device page's chart: one of the device's number or on/off data points over the last day, week, month or year —
 * raw values for a day, hourly aggregates for a week or a month, daily ones for a year — drawn by PrimeFaces'
 * {@code p:chart} (Chart.js, served from the PrimeFaces jar). Choosing another point or period redraws it by Ajax.
 */
@Named
@ViewScoped
public class HistoryView extends PeriodChart {

    private static final long serialVersionUID = 1L;

    @Inject
    HistoryQuery history;

    @Inject
    Clock clock;

    private Long deviceId;

    /** The device's chartable points; the first is shown. A device of another account has none. */
    public void load() {
        if (deviceId == null) {
            return;
        }
        Actor actor = Actor.current(Pages.sourceIp());
        List<String> names;
        try {
            names = history.points(actor, deviceId).stream().filter(p -> p.getKind() != DataPointType.TEXT)
                    .map(DataPoint::getName).toList();
        } catch (io.keyswitch.platform.NotFound gone) {
            names = List.of();
        }
        offer(names);
        redraw();
    }

    /** Draws the chosen point over the chosen period. */
    @Override
    public void redraw() {
        drawn(null, "");
        if (getPoint() == null) {
            return;
        }
        Actor actor = Actor.current(Pages.sourceIp());
        History h = history.history(actor, deviceId, getPoint(), HistoryPeriod.last(getPeriod(), clock.instant()),
                HistoryChart.aggregationFor(getPeriod()));
        int n = h.aggregation() == Aggregation.RAW ? h.raw().size() : h.aggregates().size();
        drawn(n == 0 ? null : HistoryChart.json(h), n == 0 ? "No values in this period." : n
                + (h.aggregation() == Aggregation.RAW ? " values" : " " + h.aggregation().word() + "s (min, mean, max)"));
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }
}
