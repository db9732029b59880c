package io.keyswitch.navigation.web;

import io.keyswitch.platform.Rights;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The menu as one table: each group with its entries (the {@code p:menuitem} ids of the layout) and who sees each.
 * A group shows exactly when one of its entries does, so nobody sees an empty heading. Each entry keeps the right
 * its page asks for (WEB-INF/shiro.ini).
 */
public enum MenuGroup {

    /** A technician's daily work: reach machines, see connections and alarms, write work reports. */
    OPERATE(entry("menuMachines", v -> v.permitted(Rights.DEVICE_CONNECT)),
            entry("menuConnections", MenuViewer::seesConnections),
            entry("menuAlarms", v -> v.permitted(Rights.ALARM_VIEW)),
            entry("menuWorkReports", v -> v.permitted(Rights.DEVICE_CONNECT) || v.permitted(Rights.CONNECTION_VIEW)
                    || v.permitted(Rights.REPORT_VIEW))),

    /** The account's inventory, people and rules. */
    ADMINISTER(entry("menuProjects", v -> v.permitted(Rights.DEVICE_VIEW)),
            entry("menuDevices", v -> v.permitted(Rights.DEVICE_VIEW)),
            entry("menuImport", v -> v.permitted(Rights.DEVICE_EDIT)),
            entry("menuUsers", v -> v.permitted(Rights.USER_MANAGE)),
            entry("menuGroups", v -> v.permitted(Rights.GROUP_MANAGE)),
            entry("menuAccess", v -> v.permitted(Rights.USER_MANAGE)),
            entry("menuAlarmRules", v -> v.permitted(Rights.ALARM_MANAGE)),
            entry("menuAlarmGroups", v -> v.permitted(Rights.ALARM_MANAGE)),
            entry("menuAccountRules", v -> v.permitted(Rights.SETTINGS_MANAGE)),
            entry("menuWorkReportRules", v -> v.permitted(Rights.SETTINGS_MANAGE)),
            entry("menuSecondFactor", MenuViewer::securityAdmin)),

    /**
     * What happened: the reports (connections, protocols …: whoever may run one kind), the audit trail, the IEC 62443
     * evidence, where the trail is forwarded (SIEM), scheduled reports.
     */
    RECORDS(entry("menuReports", MenuViewer::runsReports),
            entry("menuAudit", v -> v.permitted(Rights.AUDIT_VIEW)),
            entry("menuIec62443", v -> v.permitted(Rights.AUDIT_VIEW) || v.systemAdmin()),
            entry("menuSiem", v -> v.systemAdmin() || (v.permitted(Rights.SETTINGS_MANAGE) && v.permitted(Rights.AUDIT_VIEW))),
            // those who read the account's reports; a technician schedules their own work reports from the page's address
            entry("menuReportSchedules", v -> v.permitted(Rights.REPORT_VIEW) || v.permitted(Rights.CONNECTION_VIEW))),

    /** The appliance, for every account: system administrators only. */
    APPLIANCE(entry("menuAccounts", v -> v.permitted(Rights.ACCOUNT_MANAGE)),
            entry("menuDnsName", v -> v.permitted(Rights.ACCOUNT_MANAGE)),
            entry("menuTls", v -> v.permitted(Rights.ACCOUNT_MANAGE)),
            entry("menuMail", MenuViewer::systemAdmin),
            entry("menuSms", MenuViewer::systemAdmin),
            entry("menuNotice", MenuViewer::systemAdmin),
            entry("menuBans", MenuViewer::systemAdmin)),

    /**
     * The signed-in user's own connection requests and those they answer (approvers need no right, only membership in
     * a group), password, authenticator app and API tokens: everyone.
     */
    YOU(entry("menuApprovals", v -> true),
            entry("menuPassword", v -> true),
            entry("menuAuthenticator", v -> true),
            entry("menuTokens", v -> true));

    /** One menu entry: its id in the layout and who sees it. */
    public record Entry(String id, Predicate<MenuViewer> shownTo) {
    }

    private final List<Entry> entries;

    MenuGroup(Entry... entries) {
        this.entries = List.of(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether {@code viewer} sees this group: whether they see one of its entries. */
    public boolean shownTo(MenuViewer viewer) {
        return entries.stream().anyMatch(e -> e.shownTo().test(viewer));
    }

    /** The entry with this id; an id the table does not know fails (a typo in the layout shows on every page). */
    public static Entry named(String id) {
        return Arrays.stream(values()).flatMap(g -> g.entries.stream()).filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no menu entry '" + id + "' in MenuGroup"));
    }

    private static Entry entry(String id, Predicate<MenuViewer> shownTo) {
        return new Entry(id, shownTo);
    }
}
