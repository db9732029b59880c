package io.keyswitch.workreport.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.workreport.WorkReports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The menu's and the home page's "Work reports (n open)": the signed-in technician's open reports, once per request. */
@Named
@RequestScoped
public class WorkReportMenu {

    @Inject
    WorkReports reports;

    private Long open;

    public long getOpen() {
        if (open == null) {
            open = reports.countOpen(Actor.current(Pages.sourceIp()));
        }
        return open;
    }

    public String getLabel() {
        return getOpen() == 0 ? "Work reports" : "Work reports (" + getOpen() + " open)";
    }
}
