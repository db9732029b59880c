package io.keyswitch.account;

import java.time.ZoneId;

/** Fired inside the transaction that changed an account's time zone: scheduled reports take their next times anew. */
public record AccountTimeZoneChanged(long accountId, ZoneId zone) {
}
