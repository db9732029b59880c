package io.keyswitch.appliance;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.SettingRepository;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Appliance-wide settings of the setup, in the {@code setting} table (scope 0): the DNS name
 * ({@value #DNS_NAME}, used for certificates, VPN profiles and e-mail links) and the moment setup
 * was finished ({@value #SETUP_COMPLETED}). Appliance-wide, so changed by system administrators only
 * ({@link Rights#ACCOUNT_MANAGE}).
 */
@ApplicationScoped
public class ApplianceSettings {

    public static final String DNS_NAME = "appliance.dns-name";
    public static final String SETUP_COMPLETED = "setup.completed";

    @Inject
    SettingRepository settings;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    /** The DNS name, once set up. */
    public Optional<String> dnsName() {
        return value(DNS_NAME);
    }

    /** The portal's public address from the DNS name, e.g. {@code https://remote.example.com/}. */
    public Optional<String> publicUrl() {
        return dnsName().map(name -> "https://" + name + "/");
    }

    public boolean setupCompleted() {
        return value(SETUP_COMPLETED).isPresent();
    }

    /**
     * Sets the DNS name and audits it ({@code settings.dns-name}, before and after, with the reason).
     *
     * @throws io.keyswitch.platform.ValidationFailed field {@code dnsName} or {@code reason}
     */
    @Transactional
    public String changeDnsName(Actor actor, String name, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        String checked = DnsName.check(name, "dnsName");
        String before = dnsName().orElse(null);
        put(DNS_NAME, checked);
        audit.record(AuditEntry.change(actor, io.keyswitch.audit.AuditAction.SETTINGS_DNS_NAME, "appliance", Changes.of().field("dnsName", before, checked), why));
        return checked;
    }

    /** Stores the DNS name without any check or audit: for the setup wizard, which does both. */
    public void putDnsName(String checked) {
        put(DNS_NAME, checked);
    }

    /** Marks setup as finished (for the setup wizard); false if it already was (another finish came first). */
    public boolean markSetupCompleted() {
        return settings.putIfAbsent(SettingRepository.APPLIANCE, SETUP_COMPLETED,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private Optional<String> value(String key) {
        return settings.find(SettingRepository.APPLIANCE, key);
    }

    private void put(String key, String value) {
        settings.put(SettingRepository.APPLIANCE, key, value);
    }
}
