package io.keyswitch.mail;

import io.keyswitch.audit.Changes;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.SettingRepository;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads and changes the SMTP account in the {@code setting} table (scope 0: the appliance). The
 * password is kept sealed ({@link SettingRepository#putSecret}: AES-256-GCM with the portal's key);
 * the other values are not secret and stay readable.
 */
@ApplicationScoped
public class MailSettingsStore {

    private static final Logger LOG = Logger.getLogger(MailSettingsStore.class.getName());

    @Inject
    SettingRepository repository;

    @Inject
    AuditTrail audit;

    /**
     * The account as stored; in a transaction of its own when the caller has none (a batch of alarm mails is sent
     * outside any: a read there without one failed with "operation on a closed EntityManager").
     */
    @Transactional
    public SmtpSettings load() {
        Map<String, String> values = repository.findAll(SettingRepository.APPLIANCE, "mail.");
        SmtpSettings d = SmtpSettings.none();
        int port;
        try {
            port = Integer.parseInt(values.getOrDefault(SmtpSettings.KEY_PORT, Integer.toString(d.port())));
        } catch (NumberFormatException e) {
            port = d.port();
        }
        SmtpSettings.Security security;
        try {
            security = SmtpSettings.Security.valueOf(values.getOrDefault(SmtpSettings.KEY_SECURITY, d.security().name()));
        } catch (IllegalArgumentException e) {
            security = d.security();
        }
        String password = repository.findSecret(SettingRepository.APPLIANCE, SmtpSettings.KEY_PASSWORD);
        return new SmtpSettings(values.getOrDefault(SmtpSettings.KEY_HOST, ""), port, security,
                values.getOrDefault(SmtpSettings.KEY_USER, ""), password,
                values.getOrDefault(SmtpSettings.KEY_FROM, ""));
    }

    /**
     * Saves the account and audits it ({@code settings.mail}, before and after without the password).
     * Only a system administrator may: the account serves every account of the appliance.
     *
     * @param settings a blank password keeps the stored one
     * @throws io.keyswitch.platform.Forbidden unless the actor holds {@value Rights#ACCOUNT_MANAGE}
     * @throws io.keyswitch.platform.ValidationFailed for a missing reason and as {@link #check}
     */
    @Transactional
    public void save(SmtpSettings settings, Actor actor, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        check(settings);
        String why = Actor.requireReason(reason);
        SmtpSettings before = load();
        String password = settings.password() == null || settings.password().isEmpty() ? before.password() : settings.password();
        put(SmtpSettings.KEY_HOST, settings.host().strip());
        put(SmtpSettings.KEY_PORT, Integer.toString(settings.port()));
        put(SmtpSettings.KEY_SECURITY, settings.security().name());
        put(SmtpSettings.KEY_USER, settings.user() == null ? "" : settings.user().strip());
        repository.putSecret(SettingRepository.APPLIANCE, SmtpSettings.KEY_PASSWORD, password);
        put(SmtpSettings.KEY_FROM, settings.from().strip());
        SmtpSettings after = load();
        Changes changes = Changes.between(before.shown(), after.shown());
        if (!password.equals(before.password())) {
            changes.field("password", before.shown().get("password"), "(changed)");
        }
        audit.record(AuditEntry.of(actor, AuditAction.SETTINGS_MAIL, Outcome.SUCCESS).on("smtp").withDetails(changes.toJson())
                .because(why));
    }

    /**
     * Checks an SMTP account as the page "E-mail (SMTP)" and the setup wizard take it: the one place these rules live.
     *
     * @throws ValidationFailed with a message per field: {@code host}, {@code port}, {@code from}
     */
    public static void check(SmtpSettings settings) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (Text.oneLine(errors, "host", "The SMTP server", settings.host(), 253) == null) {
            errors.putIfAbsent("host", "Please enter the SMTP server.");
        }
        if (settings.port() < 1 || settings.port() > 65535) {
            errors.put("port", "The port must be between 1 and 65535.");
        }
        String from = Text.oneLine(errors, "from", "The sender address", settings.from(), 254);
        if (from == null || !from.contains("@")) {
            errors.putIfAbsent("from", "Please enter the sender's e-mail address.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /**
     * Encrypts a password an earlier version stored in clear; run at start. Not audited as a
     * change: the value stays the same.
     */
    @Transactional
    public void encryptClearPassword(@Observes @Priority(StartupOrder.SETTINGS) PortalStarted started) {
        if (repository.sealIfClear(SettingRepository.APPLIANCE, SmtpSettings.KEY_PASSWORD)) {
            LOG.info("The SMTP password stored in clear by an earlier version is now encrypted.");
        }
    }

    private void put(String key, String value) {
        repository.put(SettingRepository.APPLIANCE, key, value);
    }
}
