package io.keyswitch.appliance.protocol;

import java.time.Instant;

/**
 * One entry of the appliance's journal as the system protocol shows it.
 *
 * @param cursor the journal's cursor of the entry (where the next page continues)
 * @param at when it was written
 * @param unit the systemd unit it came from ({@code openvpn-server@acct-7.service})
 * @param priority syslog priority 0 (emerg) … 7 (debug), or -1 when not given
 * @param message the message
 */
public record JournalEntry(String cursor, Instant at, String unit, int priority, String message) {

    private static final String[] PRIORITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    /** The priority's name ({@code err}, {@code warning} …), or "" when none was given. */
    public String priorityName() {
        return priority >= 0 && priority < PRIORITIES.length ? PRIORITIES[priority] : "";
    }
}
