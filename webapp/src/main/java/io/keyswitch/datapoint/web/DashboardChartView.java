package io.keyswitch.datapoint.web;

import io.keyswitch.dashboard.MyDashboard;
import io.keyswitch.datapoint.history.HistoryQuery;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The dashboard's chart across devices ({@link ProjectChart}): one number or on/off data point, chosen by name, of the
 * project's devices (or of all devices), one line per device, over the chosen period; it can be pinned to the person's
 * own dashboard.
 */
@Named
@ViewScoped
public class DashboardChartView extends PeriodChart {

    private static final long serialVersionUID = 1L;

    /** Data point names offered at most. */
    static final int NAMES = 200;

    @Inject
    HistoryQuery history;

    @Inject
    ProjectChart projectChart;

    @Inject
    DashboardView dashboard;

    @Inject
    MyDashboard mine;

    /** The names the project's devices report as numbers or on/off; the first is drawn. */
    public void load() {
        offer(history.chartableNames(actor(), dashboard.getProjectId(), NAMES));
        redraw();
    }

    /** Draws the chosen point of each device over the chosen period. */
    @Override
    public void redraw() {
        if (getPoint() == null) {
            drawn(null, "");
            return;
        }
        ProjectChart.Drawn d = projectChart.draw(actor(), dashboard.getProjectId(), getPoint(), getPeriod());
        drawn(d.chart(), d.summary());
    }

    /** Pins this chart (its point and period) to the person's own dashboard. */
    public void pin() {
        Pages.attempt("chartForm", "The chart is on your dashboard now.",
                () -> mine.pinChart(actor(), dashboard.getProjectId(), getPoint(), getPeriod()));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }
}
