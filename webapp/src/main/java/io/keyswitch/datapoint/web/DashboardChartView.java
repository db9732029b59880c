package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.history.History;
import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.datapoint.history.HistoryQuery;
import io.keyswitch.datapoint.history.HistoryQuery.DevicePoint;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's chart across devices: one number or on/off data point (chosen by name) of the project's devices (or
 * of all devices), one line per device, over the last day, week, month or year — raw values for a day, the hourly or
 * daily means for longer periods, read by the device chart's own history query — drawn by PrimeFaces' {@code p:chart}.
 * At most {@link #DEVICES} devices, by name; the summary says when there are more.
 */
@Named
@ViewScoped
public class DashboardChartView extends PeriodChart {

    private static final long serialVersionUID = 1L;

    /** Lines one chart draws at most. */
    static final int DEVICES = 10;
    /** Data point names offered at most. */
    static final int NAMES = 200;

    @Inject
    HistoryQuery history;

    @Inject
    DashboardView dashboard;

    @Inject
    Clock clock;

    /** The names the project's devices report as numbers or on/off; the first is drawn. */
    public void load() {
        offer(history.chartableNames(actor(), dashboard.getProjectId(), NAMES));
        redraw();
    }

    /** Draws the chosen point of each device over the chosen period. */
    @Override
    public void redraw() {
        drawn(null, "");
        String point = getPoint();
        if (point == null) {
            return;
        }
        Actor actor = actor();
        Long project = dashboard.getProjectId();
        List<DevicePoint> chosen = history.pointsNamed(actor, project, point, DEVICES);
        long all = chosen.size() < DEVICES ? chosen.size() : history.countPointsNamed(actor, project, point);
        HistoryPeriod span = HistoryPeriod.last(getPeriod(), clock.instant());
        List<History> lines = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        int values = 0;
        for (DevicePoint p : chosen) {
            History h = history.history(actor, p.point().getDeviceId(), point, span, HistoryChart.aggregationFor(getPeriod()));
            values += h.raw().size() + h.aggregates().size();
            lines.add(h);
            devices.add(p.device());
        }
        String shown = all > chosen.size() ? chosen.size() + " of " + all + " devices (the first by name)"
                : chosen.size() + (chosen.size() == 1 ? " device" : " devices");
        drawn(values == 0 ? null : HistoryChart.lines(lines, devices), shown + (values == 0 ? "; no values in this period." : ""));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }
}
