package io.keyswitch.datapoint.web;

import io.keyswitch.dashboard.MyDashboard;
import io.keyswitch.datapoint.web.Tiles.Tile;
import io.keyswitch.device.ProjectService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The project dashboard: a tile per device of a project (or of the whole account), a page at a time ({@link Tiles});
 * the tiles can be pinned to the person's own dashboard.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Tiles tileReader;

    @Inject
    ProjectService projects;

    @Inject
    MyDashboard mine;

    private Long projectId;
    private String title = "All devices";
    private final PagedModel<Tile> tiles = new PagedModel<>(filter -> tileReader.count(actor(), projectId),
            (filter, sort, asc, first, size) -> tileReader.page(actor(), projectId, first, size), Tile::id);

    /** Names the project; one of another account shows nothing. */
    public void load() {
        if (projectId != null) {
            try {
                title = "Project " + projects.find(actor(), projectId).getName();
            } catch (NotFound gone) {
                title = "No such project";
                projectId = -1L;
            }
        }
    }

    /** Pins these tiles to the person's own dashboard. */
    public void pinTiles() {
        Pages.attempt("tilesForm", "The tiles are on your dashboard now.", () -> mine.pinTiles(actor(), projectId));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    public String getTitle() {
        return title;
    }

    public PagedModel<Tile> getTiles() {
        return tiles;
    }
}
