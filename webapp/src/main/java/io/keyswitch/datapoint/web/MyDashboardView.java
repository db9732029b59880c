package io.keyswitch.datapoint.web;

import io.keyswitch.dashboard.DashboardItem;
import io.keyswitch.dashboard.MyDashboard;
import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.datapoint.web.Tiles.Tile;
import io.keyswitch.device.Project;
import io.keyswitch.device.ProjectService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A person's own dashboard (my-dashboard.xhtml): the tiles and charts they pinned from project dashboards
 * ({@link MyDashboard}), drawn in their order, each movable up and down and removable.
 */
@Named
@ViewScoped
public class MyDashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Tiles one piece shows at most; the project's dashboard shows them all. */
    static final int TILES = 24;

    @Inject
    MyDashboard mine;

    @Inject
    Tiles tiles;

    @Inject
    ProjectChart projectChart;

    @Inject
    ProjectService projects;

    /** One piece as drawn: a chart ({@code chart} the Chart.js configuration, or null) or tiles. */
    public record Piece(long id, String title, boolean isChart, String chart, String summary, List<Tile> tiles,
                        Long projectId, boolean first, boolean last) implements Serializable {
    }

    private List<Piece> pieces = List.of();

    @PostConstruct
    void load() {
        Actor actor = actor();
        List<DashboardItem> items = mine.items(actor);
        Map<Long, String> names = projects.all(actor).stream().collect(Collectors.toMap(Project::getId, Project::getName));
        List<Piece> drawn = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            DashboardItem item = items.get(i);
            Long project = item.getProjectId();
            String where = project == null ? "all devices" : "project " + names.getOrDefault(project, "?");
            boolean first = i == 0;
            boolean last = i == items.size() - 1;
            if (item.isChart()) {
                HistoryPeriod.Length period = HistoryPeriod.Length.valueOf(item.getPeriod());
                ProjectChart.Drawn d = projectChart.draw(actor, project, item.getDataPoint(), period);
                drawn.add(new Piece(item.getId(), item.getDataPoint() + " · last " + period.name().toLowerCase() + " · " + where,
                        true, d.chart(), d.summary(), List.of(), project, first, last));
            } else {
                long count = tiles.count(actor, project);
                drawn.add(new Piece(item.getId(), "Devices · " + where, false, null,
                        count > TILES ? TILES + " of " + count + " devices" : count + (count == 1 ? " device" : " devices"),
                        tiles.page(actor, project, 0, TILES), project, first, last));
            }
        }
        pieces = drawn;
    }

    /** Moves a piece one place up or down, and shows the dashboard again. */
    public String move(long id, boolean up) {
        return again(Pages.attempt(null, null, () -> {
            mine.move(actor(), id, up);
            return Boolean.TRUE;
        }));
    }

    /** Removes a piece, and shows the dashboard again. */
    public String remove(long id) {
        return again(Pages.attempt(null, "Removed from your dashboard.", () -> {
            mine.remove(actor(), id);
            return Boolean.TRUE;
        }));
    }

    private static String again(Boolean done) {
        if (done != null) {
            jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        }
        return "/my-dashboard?faces-redirect=true";
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public List<Piece> getPieces() {
        return pieces;
    }
}
