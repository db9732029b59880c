package io.keyswitch.connection;

/** Why a connection ended, each with the words the record shows. */
public enum CloseCause {
    DISCONNECTED("disconnected by the technician"),
    ENDED("ended by an administrator"),
    VPN_DOWN("the technician's VPN tunnel went down"),
    IDLE("idle longer than the account allows"),
    TEMPORARY_ACCESS_ENDED("the technician's temporary access ended"),
    GRANT_REMOVED("no grant reaches the device any more"),
    RIGHT_WITHDRAWN("the technician no longer holds the right device:connect"),
    USER_DISABLED("the technician was disabled or deleted"),
    DEVICE_DISABLED("the device was disabled or deleted"),
    ACCOUNT_DISABLED("the account was disabled"),
    KEY_SWITCH_OFF("key switch off"),
    APPROVAL_WINDOW_ENDED("the approved window ended"),
    ENDED_BY_APPROVER("ended by an approver"),
    PORTAL_RESTARTED("portal restarted"),
    PORTAL_STOPPED("the portal was stopped");

    private final String words;

    CloseCause(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
