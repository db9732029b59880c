package io.keyswitch.account;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.SettingRepository;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Each account's time zone (an IANA zone id such as {@code Europe/Berlin}; UTC until changed), kept in the setting
 * {@value #KEY} of the account: when its scheduled reports run and which local days, weeks and months they cover.
 * Changed by an account administrator ({@code settings:manage}) with a reason, audited; observers of
 * {@link AccountTimeZoneChanged} (the schedules) follow in the same transaction.
 */
@ApplicationScoped
@Transactional
public class AccountTimeZones {

    public static final String KEY = "account.time-zone";

    /** The time zone of an account that never chose one. */
    public static final ZoneId DEFAULT = ZoneId.of("UTC");

    @Inject
    SettingRepository settings;

    @Inject
    AccountPolicies policies;

    @Inject
    AuditTrail audit;

    @Inject
    Event<AccountTimeZoneChanged> changed;

    /** The account's time zone; UTC when never set (or when the stored one is no longer known to the JDK). */
    public ZoneId of(long accountId) {
        return settings.find(accountId, KEY).map(id -> {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException gone) {
                return DEFAULT;
            }
        }).orElse(DEFAULT);
    }

    /** Sets the actor's account's time zone. Field "timeZone" names a zone that is not known. */
    public ZoneId change(Actor actor, String zoneId, String reason) {
        actor.require(Rights.SETTINGS_MANAGE);
        String why = policies.reason(actor, reason);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId == null ? "" : zoneId.strip());
        } catch (DateTimeException e) {
            throw ValidationFailed.of("timeZone", "Not a time zone; write an IANA name such as Europe/Berlin, or UTC.");
        }
        ZoneId before = of(actor.accountId());
        if (!before.equals(zone)) {
            settings.put(actor.accountId(), KEY, zone.getId());
            audit.record(AuditEntry.change(actor, AuditAction.ACCOUNT_TIME_ZONE, "account:" + actor.accountId(),
                    Changes.of().field("timeZone", before.getId(), zone.getId()), why));
            changed.fire(new AccountTimeZoneChanged(actor.accountId(), zone));
        }
        return zone;
    }
}
