package io.keyswitch.platform;

import java.util.List;

/** The permission strings ({@code feature:action}) a group can give its members. */
public final class Rights {

    public static final String DEVICE_VIEW = "device:view";
    public static final String DEVICE_EDIT = "device:edit";
    public static final String DEVICE_CONNECT = "device:connect";
    /** See every live connection of the account and the history of all its connections. */
    public static final String CONNECTION_VIEW = "connection:view";
    /** End another user's connection (with a reason). */
    public static final String CONNECTION_END = "connection:end";
    public static final String COMPONENT_EDIT = "component:edit";
    public static final String USER_MANAGE = "user:manage";
    public static final String GROUP_MANAGE = "group:manage";
    public static final String PROJECT_MANAGE = "project:manage";
    public static final String REPORT_VIEW = "report:view";
    public static final String AUDIT_VIEW = "audit:view";
    /** Alarm rules and alarm groups. */
    public static final String ALARM_MANAGE = "alarm:manage";
    /** See and acknowledge alarms (technicians without device:view: only those of devices their grants reach). */
    public static final String ALARM_VIEW = "alarm:view";
    public static final String WEB2GO_USE = "web2go:use";
    public static final String SETTINGS_MANAGE = "settings:manage";

    /** Appliance-wide: create and disable accounts. Held by system administrators only, never by a group. */
    public static final String ACCOUNT_MANAGE = "account:manage";

    /** Every right a group may hold, in the order the pages list them. */
    public static final List<String> ALL = List.of(
            DEVICE_VIEW, DEVICE_EDIT, DEVICE_CONNECT, CONNECTION_VIEW, CONNECTION_END, COMPONENT_EDIT,
            USER_MANAGE, GROUP_MANAGE, PROJECT_MANAGE, REPORT_VIEW,
            AUDIT_VIEW, ALARM_VIEW, ALARM_MANAGE, WEB2GO_USE, SETTINGS_MANAGE);

    private Rights() {
    }
}
