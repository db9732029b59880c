package io.keyswitch.navigation.web;

import io.keyswitch.connection.web.ConnectionMenu;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.report.ReportKinds;
import io.keyswitch.security.web.SessionView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;

/** The layout's menu: which groups and entries the signed-in user sees, after {@link MenuGroup}'s table. */
@Named
@RequestScoped
public class MainMenu implements MenuViewer {

    @Inject
    SessionView session;

    @Inject
    ConnectionMenu connections;

    @Inject
    ReportKinds reports;

    private Boolean runsReports;

    /** Whether the entry with this {@code p:menuitem} id is shown. */
    public boolean shows(String entryId) {
        return MenuGroup.named(entryId).shownTo().test(this);
    }

    /** Whether the group ({@code operate}, {@code administer}, …) is shown: one of its entries is. */
    public boolean showsGroup(String group) {
        return MenuGroup.valueOf(group.toUpperCase(Locale.ROOT)).shownTo(this);
    }

    @Override
    public boolean permitted(String right) {
        return session.isPermitted(right);
    }

    @Override
    public boolean securityAdmin() {
        return session.isSecurityAdmin();
    }

    @Override
    public boolean systemAdmin() {
        return session.isSystemAdmin();
    }

    @Override
    public boolean seesConnections() {
        return connections.isShown();
    }

    @Override
    public boolean runsReports() {
        if (runsReports == null) {
            runsReports = !reports.allowedFor(Actor.current(Pages.sourceIp())).isEmpty();
        }
        return runsReports;
    }
}
