package io.keyswitch.platform;

/**
 * The order of the start-up steps that observe {@link PortalStarted} (lower first), as {@code @Priority} values.
 * The schema migration runs before all of them ({@link PortalStartup}).
 */
public final class StartupOrder {

    /** Login services read and check their settings (the jail, second factors, sessions); no table is written. */
    public static final int LOGIN = 100;

    /** Someone can log in: the first system administrator exists (or the setup wizard is open). */
    public static final int FIRST_ADMINISTRATOR = 200;

    /** Stored settings are brought to the current form (an SMTP password an earlier version kept in clear). */
    public static final int SETTINGS = 300;

    /** The setup wizard makes its setup code while setup is open. */
    public static final int SETUP = 400;

    /** Accounts' virtual pools are checked before any device or connection uses them. */
    public static final int POOLS = 500;

    /** Connections the database still calls live are closed and the firewall emptied. */
    public static final int CONNECTIONS = 600;

    /** The VPN's view of the devices that may dial in is read into memory (before the first CONNECT is decided). */
    public static final int DEVICE_VIEW = 650;

    /** The appliance CA and the accounts' VPN servers start. */
    public static final int VPN = 700;

    /** Device reports read their settings (no table is written). */
    public static final int DEVICE_REPORTS = 750;

    /** Presence history reads which devices are online by their reports and starts its sweep for the silent ones. */
    public static final int PRESENCE = 755;

    /** Data point history reads its settings and starts its background job (hourly aggregates, retention). */
    public static final int DATA_POINT_HISTORY = 760;

    /** Alarms read their settings and start their background run (offline checks, escalations, the outbox). */
    public static final int ALARMS = 770;

    /** Connection approvals start their background run (expiring unanswered requests, closing at windows' ends). */
    public static final int APPROVALS = 780;
    /** The key switch consent reads which accounts need the key switch anywhere (a filter kept in memory). */
    public static final int KEY_SWITCH = 785;

    /** SIEM forwarding reads its settings and starts sending the audit trail to the syslog targets from their positions. */
    public static final int SIEM = 790;

    /** Scheduled reports read their settings and start their runner (due schedules, runs to send or retry). */
    public static final int REPORT_SCHEDULES = 795;

    /** Periodic housekeeping starts (expired login links and SMS codes). */
    public static final int HOUSEKEEPING = 800;

    /** The scheduled check of every audit chain starts (its first run an hour later, then daily). */
    public static final int AUDIT_CHECK = 850;

    /** The appliance's health checks start (free disk space, the HTTPS certificate's expiry). */
    public static final int HEALTH = 870;

    /** The portal's start is recorded in the appliance's audit trail, once every other step ran. */
    public static final int RECORDED = 900;

    private StartupOrder() {
    }
}
