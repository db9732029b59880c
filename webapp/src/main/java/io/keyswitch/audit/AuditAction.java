package io.keyswitch.audit;

/**
 * Every action the audit trail records, with the exact text stored in {@code audit_event.action} and what it means.
 * The texts are an interface: SIEM rules and the trail's filters match them, so a text never changes once shipped.
 * The admin guide lists this catalogue (section "Audit actions"); {@code AuditActionTest} keeps the two equal.
 */
public enum AuditAction {

    ACCOUNT_CREATE("account.create", "a system administrator created an account with its first administrator"),
    ACCOUNT_POLICY("account.policy", "an account's rules changed (passwords, inactivity, reasons, sessions, connections)"),
    ACCOUNT_POOL_GROWN("account.pool-grown", "an account's virtual pool was full: the portal gave it another block of the virtual space (reason \"pool full\")"),
    ACCOUNT_STATUS("account.status", "an account was enabled or disabled"),
    ACCOUNT_TIME_ZONE("account.time-zone", "an account's time zone changed (when its scheduled reports run and which local days they cover)"),
    ACCOUNT_VIRTUAL_POOL("account.virtual-pool", "a system administrator changed an account's virtual pool, or the portal gave an account without devices one of its own"),
    ALARM_ACKNOWLEDGE("alarm.acknowledge", "a user acknowledged an alarm, with a comment"),
    ALARM_CLEAR("alarm.clear", "an alarm's condition ended (or an acknowledged change alarm closed)"),
    ALARM_GROUP_CREATE("alarm-group.create", "an alarm group (who is told of which alarms) was created"),
    ALARM_GROUP_DELETE("alarm-group.delete", "an alarm group was deleted"),
    ALARM_GROUP_UPDATE("alarm-group.update", "an alarm group's members, scope, channels, quiet hours or escalation changed"),
    ALARM_MESSAGE_FAILED("alarm-message.failed", "an alarm message could not be handed to the mail server or SMS gateway at its first try (retried until it is; the error is the reason)"),
    ALARM_RAISE("alarm.raise", "an alarm rule's condition started on a device: an alarm was raised and its messages queued"),
    ALARM_RULE_CREATE("alarm-rule.create", "an alarm rule was created, or a built-in one switched on"),
    ALARM_RULE_DELETE("alarm-rule.delete", "an alarm rule was deleted (its open alarms cleared)"),
    ALARM_RULE_UPDATE("alarm-rule.update", "an alarm rule's condition, scope, severity, text or switch changed"),
    APPROVAL_APPROVE("approval.approve", "an approver approved a technician's connection request, with its window (perhaps shortened) and comment"),
    APPROVAL_END("approval.end", "an approver ended an approved window early: the technician's connection to the device closed"),
    APPROVAL_EXPIRE("approval.expire", "a connection request expired: nobody answered within the account's answer time"),
    APPROVAL_REFUSE("approval.refuse", "an approver refused a technician's connection request, with a comment"),
    APPROVAL_REQUEST("approval.request", "a technician asked approval to connect to a device: reason, order number, wanted window"),
    APPROVAL_RULE("approval.rule", "who must approve connections to a device or project changed (inherit, none, a group)"),
    APPROVAL_SETTINGS("approval.settings", "how long an account's connection requests wait for an answer changed"),
    API_TOKEN_CREATE("api-token.create", "a user created an API token"),
    API_TOKEN_REVOKE("api-token.revoke", "an API token was revoked, by its user or a user administrator"),
    AUDIT_VERIFY("audit.verify", "the scheduled check walked every audit chain: how many events, and each chain intact or its first broken event"),
    CERTIFICATE_EXPIRY("certificate.expiry", "the daily check found the appliance's HTTPS certificate ending within 30 days, or ended (one event a day while it lasts)"),
    COMPONENT_CREATE("component.create", "a component was added to a device"),
    COMPONENT_DELETE("component.delete", "a component was deleted"),
    COMPONENT_UPDATE("component.update", "a component's address or services changed"),
    CONNECTION_CHANGE("connection.change", "an open connection's firewall rules followed a change of grants or components"),
    CONNECTION_CLOSE("connection.close", "a technician connection ended: who or what closed it, why, the bytes that crossed it"),
    CONNECTION_OPEN("connection.open", "a technician connection's firewall rules are in place"),
    CONNECTION_REQUEST("connection.request", "a technician asked to connect to a device, with the reason"),
    CONSOLE_AUTHORIZE("console.authorize", "a system administrator's password was checked at the appliance console"),
    DEVICE_CREATE("device.create", "a device was created"),
    DEVICE_DELETE("device.delete", "a device was deleted"),
    DEVICE_IMPORT("device.import", "a device was created by a CSV import (one event per device)"),
    DEVICE_KEY_SWITCH_CHANGED("device.key-switch-changed", "a device reported its key switch (IN1) turned on or off (its first report of it is in the data point's history only)"),
    DEVICE_REPORT_REFUSED("device.report-refused", "a device report was refused: wrong device secret, or the device or its account disabled"),
    DEVICE_UPDATE("device.update", "a device's fields changed"),
    DISK_SPACE_LOW("disk.space-low", "the hourly check found less free space on the portal's disk than keyswitch.disk.min-free-percent (one event a day while it lasts)"),
    GRANT_CREATE("grant.create", "a user or group was granted a project, device or components"),
    GRANT_DELETE("grant.delete", "a grant was revoked"),
    GROUP_CREATE("group.create", "a group was created"),
    GROUP_DELETE("group.delete", "a group was deleted (with its grants)"),
    GROUP_UPDATE("group.update", "a group's name, description or rights changed"),
    JAIL_BAN("jail.ban", "the login jail banned an address or a user name"),
    JAIL_LIFT("jail.lift", "an administrator lifted a login ban"),
    KEY_SWITCH_SETTING("key-switch.setting", "the setting \"connections only while the key switch is on\" of a device or a project changed"),
    LOGIN("login", "a web login ended: signed in, wrong credentials, or refused by the user's or account's state"),
    LOGIN_MAIL_LINK("login.mail-link", "a login link was mailed as the second factor"),
    LOGIN_PASSWORD("login.password", "the password was right; the second factor (or enrolment) comes next"),
    LOGIN_REAUTH("login.reauth", "a signed-in user confirmed it is them (password and code) before changing their second factor"),
    LOGIN_SECOND_FACTOR("login.second-factor", "a second factor (code, recovery code, link or SMS code) was wrong"),
    LOGIN_SMS("login.sms", "a login code was sent by SMS, or could not be sent"),
    LOGOUT("logout", "a user logged out"),
    LOGOUT_EVERYWHERE("logout.everywhere", "a user ended all of their sessions"),
    PORTAL_START("portal.start", "the portal started: its version and the Java it runs on"),
    PORTAL_STOP("portal.stop", "the portal stopped in an orderly way (a start without a stop before it was a crash or a power loss)"),
    PROJECT_CREATE("project.create", "a project was created"),
    PROJECT_DELETE("project.delete", "a project was deleted (with its grants)"),
    PROJECT_UPDATE("project.update", "a project's fields changed"),
    REPORT_SCHEDULE_CREATE("report-schedule.create", "a user saved a report with its filter to be mailed on a schedule (recipients, attachments, when)"),
    REPORT_SCHEDULE_DELETE("report-schedule.delete", "a scheduled report was deleted, by its owner or an account administrator"),
    REPORT_SCHEDULE_MAIL("report-schedule.mail", "a scheduled report was mailed (recipients, period, rows, bytes), or failed for good (not mailed, with the reason)"),
    REPORT_SCHEDULE_SEND_NOW("report-schedule.send-now", "the owner of a scheduled report had it sent now, for its period as of now"),
    REPORT_SCHEDULE_UPDATE("report-schedule.update", "a scheduled report's filter, period, time, recipients or attachments changed"),
    SESSION_LIMIT("session.limit", "a login ended the user's oldest sessions beyond the account's limit"),
    SETTINGS_DNS_NAME("settings.dns-name", "the appliance's DNS name changed"),
    SETTINGS_LOGIN_NOTICE("settings.login-notice", "the notice on the login page changed"),
    SETTINGS_MAIL("settings.mail", "the SMTP settings changed"),
    SETTINGS_SECOND_FACTOR("settings.second-factor", "the account's or a group's second-factor requirement changed"),
    SETTINGS_SMS("settings.sms", "the SMS gateway settings changed"),
    SETTINGS_TLS_CERTIFICATE("settings.tls-certificate", "the appliance's HTTPS certificate was replaced"),
    SETUP_CODE("setup.code", "a wrong setup code was entered in the first-start wizard"),
    SETUP_FINISH("setup.finish", "the first-start wizard was finished"),
    SIEM_TARGET_CREATE("siem-target.create", "a syslog target (SIEM forwarding of the audit trail, appliance-wide or of an account) was created"),
    SIEM_TARGET_DELETE("siem-target.delete", "a syslog target was deleted"),
    SIEM_TARGET_TEST("siem-target.test", "a test message was sent to a syslog target, with what happened (delivered, refused, timed out, TLS handshake failed …)"),
    SIEM_TARGET_UPDATE("siem-target.update", "a syslog target's server, transport, CA certificates, name or switch changed"),
    TOTP_ENROL("totp.enrol", "a user enrolled an authenticator app (recovery codes issued)"),
    TOTP_RESET("totp.reset", "an administrator removed a user's authenticator app"),
    USER_CREATE("user.create", "a user was created"),
    USER_DISABLE_INACTIVE("user.disable.inactive", "a user was disabled after the account's days without login"),
    USER_PASSWORD_CHANGE("user.password.change", "a user changed their own password, or gave a wrong current one"),
    USER_PASSWORD_RESET("user.password.reset", "an administrator reset a user's password to a one-time password"),
    USER_UPDATE("user.update", "a user's fields, status, groups or validity changed"),
    VPN_AUTH("vpn.auth", "the VPN refused a certificate or a device's login (technicians' logins are vpn.login)"),
    VPN_CONNECT("vpn.connect", "a device or technician tunnel came up"),
    VPN_DEVICE_PROFILE("vpn.device-profile", "a device's first VPN profile was made"),
    VPN_DEVICE_PROFILE_REGENERATE("vpn.device-profile-regenerate", "a device's VPN profile was made again (the old one revoked)"),
    VPN_DEVICE_PROFILES_BULK("vpn.device-profiles-bulk", "the VPN profiles and secrets of a selection of devices were made as one passphrase-encrypted archive (each profile audited too)"),
    VPN_DEVICE_REVOKE("vpn.device-revoke", "a device's VPN profile was revoked"),
    VPN_DISCONNECT("vpn.disconnect", "a device or technician tunnel went down"),
    VPN_INSTANCE_RESTART("vpn.instance-restart", "an account's OpenVPN server was restarted to route its virtual pool that grew by itself (when no technician tunnel was up, or after the longest wait)"),
    VPN_LOGIN("vpn.login", "a technician's VPN login ended: signed in, wrong credentials or code, or refused"),
    VPN_SERVER_START("vpn.server-start", "an account's OpenVPN server was started: its first start, again after its process was gone, or restarted for a new virtual pool"),
    VPN_TECHNICIAN_PROFILE("vpn.technician-profile", "a technician made their VPN profile"),
    VPN_TECHNICIAN_REVOKE("vpn.technician-revoke", "a technician's VPN profile was revoked (the right to connect was withdrawn)"),
    WORK_REPORT_CORRECT("work-report.correct", "the author of a work report corrected it within its edit window (a new version, the fields changed)"),
    WORK_REPORT_FIELD_CREATE("work-report-field.create", "a field of the account's own was added to its work reports"),
    WORK_REPORT_FIELD_DELETE("work-report-field.delete", "a field of the account's own work reports was deleted (reports written keep their values)"),
    WORK_REPORT_FIELD_UPDATE("work-report-field.update", "a field of the account's own work reports changed (name, kind, choices, required, order)"),
    WORK_REPORT_RULE("work-report.rule", "the account's work report rule changed (optional or mandatory before the next Connect, the edit window)"),
    WORK_REPORT_WRITE("work-report.write", "a technician wrote the work report of one of their connections (version 1)");

    private final String value;
    private final String meaning;

    AuditAction(String value, String meaning) {
        this.value = value;
        this.meaning = meaning;
    }

    /** The text stored in {@code audit_event.action}, e.g. {@code login.second-factor}. */
    public String value() {
        return value;
    }

    /** What an event of this action records, in one line. */
    public String meaning() {
        return meaning;
    }
}
