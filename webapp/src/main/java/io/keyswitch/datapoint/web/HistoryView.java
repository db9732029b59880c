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
import java.io.Serializable;
import java.time.Clock;
import java.util.List;

/**
 * The device page's chart: one of the device's number or on/off data points over the last day, week, month or year —
 * raw values for a day, hourly aggregates for a week or a month, daily ones for a year — drawn by PrimeFaces'
 * {@code p:chart} (Chart.js, served from the PrimeFaces jar). Choosing another point or period redraws it by Ajax.
 */
@Named
@ViewScoped
public class HistoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    HistoryQuery history;

    @Inject
    Clock clock;

    private Long deviceId;
    private List<String> points = List.of();
    private String point;
    private HistoryPeriod.Length period = HistoryPeriod.Length.DAY;
    private String chart;
    private String summary = "";

    /** The device's chartable points; the first is shown. A device of another account has none. */
    public void load() {
        if (deviceId == null) {
            return;
        }
        Actor actor = Actor.current(Pages.sourceIp());
        try {
            points = history.points(actor, deviceId).stream().filter(p -> p.getKind() != DataPointType.TEXT)
                    .map(DataPoint::getName).toList();
        } catch (io.keyswitch.platform.NotFound gone) {
            points = List.of();
        }
        point = points.isEmpty() ? null : points.get(0);
        redraw();
    }

    /** Draws the chosen point over the chosen period. */
    public void redraw() {
        chart = null;
        summary = "";
        if (point == null) {
            return;
        }
        Actor actor = Actor.current(Pages.sourceIp());
        Aggregation by = switch (period) {
            case DAY -> Aggregation.AUTO;
            case WEEK, MONTH -> Aggregation.HOUR;
            case YEAR -> Aggregation.DAY;
        };
        History h = history.history(actor, deviceId, point, HistoryPeriod.last(period, clock.instant()), by);
        int n = h.aggregation() == Aggregation.RAW ? h.raw().size() : h.aggregates().size();
        summary = n == 0 ? "No values in this period." : n + (h.aggregation() == Aggregation.RAW ? " values"
                : " " + h.aggregation().word() + "s (min, mean, max)");
        chart = n == 0 ? null : HistoryChart.json(h);
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public List<String> getPoints() {
        return points;
    }

    public String getPoint() {
        return point;
    }

    public void setPoint(String point) {
        this.point = points.contains(point) ? point : this.point;
    }

    public HistoryPeriod.Length getPeriod() {
        return period;
    }

    public void setPeriod(HistoryPeriod.Length period) {
        this.period = period == null ? HistoryPeriod.Length.DAY : period;
    }

    public HistoryPeriod.Length[] getPeriods() {
        return HistoryPeriod.Length.values();
    }

    /** The Chart.js configuration, or {@code null} when there is nothing to draw. */
    public String getChart() {
        return chart;
    }

    public String getSummary() {
        return summary;
    }
}
