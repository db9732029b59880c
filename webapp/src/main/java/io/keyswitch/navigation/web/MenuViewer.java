package io.keyswitch.navigation.web;

/** What the menu needs to know of the signed-in user to decide which entries they see. */
public interface MenuViewer {

    /** Whether the user holds the right ({@code feature:action}, see {@link io.keyswitch.platform.Rights}). */
    boolean permitted(String right);

    /** Whether the user manages their account's login security (second-factor policy). */
    boolean securityAdmin();

    /** Whether the user manages the appliance (every account, mail, SMS, bans, DNS name, TLS). */
    boolean systemAdmin();

    /** Whether the user sees connections (the account's, or their own as a technician). */
    boolean seesConnections();

    /** Whether the user may run at least one kind of report (io.keyswitch.report.ReportKinds#allowedFor). */
    boolean runsReports();
}
