package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.history.HistoryPeriod;
import java.io.Serializable;
import java.util.List;

/**
 * What a chart section of a page holds between requests: the data point names offered, the one chosen, the period
 * (day, week, month, year), the Chart.js configuration drawn and the line above it. The page's view draws
 * ({@link #redraw()}) when the point or the period changes.
 */
abstract class PeriodChart implements Serializable {

    private static final long serialVersionUID = 1L;

    private List<String> points = List.of();
    private String point;
    private HistoryPeriod.Length period = HistoryPeriod.Length.DAY;
    private String chart;
    private String summary = "";

    /** Draws the chosen point over the chosen period: {@link #drawn} with the chart and its summary. */
    public abstract void redraw();

    /** The names offered; the first is chosen. */
    void offer(List<String> names) {
        points = names;
        point = names.isEmpty() ? null : names.get(0);
    }

    /** What is drawn: the Chart.js configuration ({@code null}: nothing) and the line above it. */
    void drawn(String chart, String summary) {
        this.chart = chart;
        this.summary = summary;
    }

    public List<String> getPoints() {
        return points;
    }

    public String getPoint() {
        return point;
    }

    /** Only a name offered is taken. */
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
