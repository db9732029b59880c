package io.keyswitch.setup;

import io.keyswitch.appliance.DnsName;
import io.keyswitch.appliance.ApplianceSettings;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.mail.MailSettingsStore;
import io.keyswitch.mail.SmtpSettings;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.security.FirstAdministrator;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.account.PasswordPolicy;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The setup wizard's rules: open only with the setup wizard on ({@value FirstAdministrator#KEY_SETUP_WIZARD}),
 * while no user exists and setup has not been finished, and only with the setup code. A wrong code
 * counts in the login jail like a wrong password. {@link #finish} stores the administrator, the DNS
 * name and the mail account in one transaction (all or nothing) and audits each with the reason given.
 * Wrong codes are counted per address only: counting them under one name would let anyone on the
 * network lock the real administrator out of setup.
 */
@ApplicationScoped
public class SetupWizard {

    private static final Logger LOG = Logger.getLogger(SetupWizard.class.getName());

    @Inject
    ApplianceSettings settings;

    @Inject
    FirstAdministrator firstAdministrator;

    @Inject
    UserDirectory directory;

    @Inject
    MailSettingsStore mail;

    @Inject
    AuditTrail audit;

    @Inject
    LoginJail jail;

    @Inject
    Clock clock;

    /** What the person entered, step by step. */
    public record Request(String username, String fullName, String password, String dnsName, SmtpSettings mail, String reason) {
    }

    /** Whether the wizard may be shown at all. */
    public boolean open() {
        return FirstAdministrator.setupWizard() && SetupCode.file().isPresent() && !settings.setupCompleted()
                && directory.countUsers() == 0;
    }

    /** At start-up: makes the setup code while setup is open, and says where it is (never the code itself). */
    public void prepare(@Observes @Priority(StartupOrder.SETUP) PortalStarted started) {
        if (!open()) {
            if (FirstAdministrator.setupWizard()) {
                LOG.info(SetupCode.file().isEmpty() ? "Setup wizard: off (no portal home for the setup code)."
                        : "Setup wizard: closed (setup is finished).");
            }
            return;
        }
        Path file = SetupCode.file().orElseThrow();
        String code = SetupCode.ensure(file);
        LOG.info(() -> "Setup wizard: open at /setup.xhtml with the one-time setup code in " + file);
        if (FirstAdministrator.printOnConsole()) {
            System.out.println(FirstAdministrator.CONSOLE_MARKER + " setup code " + code + " (one-time, for /setup.xhtml)");
        }
    }

    /**
     * Checks the setup code; a wrong one is counted in the jail and audited.
     *
     * @throws ValidationFailed field {@code code}
     */
    public void checkCode(String code, String sourceIp) {
        if (!open()) {
            throw ValidationFailed.of("code", "Setup is already finished. Please log in.");
        }
        io.keyswitch.jail.Admission admission = jail.admit(sourceIp, null, () -> false);
        if (!admission.admitted()) {
            throw ValidationFailed.of("code", "Too many wrong codes from your address. Please wait a few minutes.");
        }
        if (!SetupCode.matches(SetupCode.file().orElseThrow(), code)) {
            jail.failed(admission);
            audit.record(AuditEntry.of(AuditAction.SETUP_CODE, Outcome.FAILURE).by("setup", null).from(sourceIp).on("setup")
                    .because("wrong setup code"));
            throw ValidationFailed.of("code", "This is not the setup code. It is shown on the appliance's console.");
        }
        jail.succeeded(admission);
    }

    /** @throws ValidationFailed fields {@code username}, {@code fullName}, {@code password} */
    public void checkAdministrator(String username, String fullName, String password, String confirmation) {
        Map<String, String> errors = new LinkedHashMap<>();
        String u = username == null ? "" : username.strip();
        if (!io.keyswitch.platform.LoginNames.validUser(u)) {
            errors.put("username", "2 to 64 characters: lower-case letters, digits, dot, dash and underscore, starting with a letter or digit.");
        }
        String name = io.keyswitch.platform.Text.oneLine(errors, "fullName", "The full name", fullName, 200);
        if (name == null) {
            errors.putIfAbsent("fullName", "Please enter the administrator's full name.");
        }
        List<String> problems = PasswordPolicy.DEFAULT.problems(password, u);
        if (!problems.isEmpty()) {
            errors.put("password", "The password needs " + String.join(", ", problems) + ".");
        } else if (confirmation == null || !confirmation.equals(password)) {
            errors.put("confirmation", "The two passwords differ.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /**
     * The mail step: empty (every field blank but port and connection) means "set it up later"; else the rules of
     * {@link MailSettingsStore#check}, with the step's field names.
     *
     * @throws ValidationFailed fields {@code mailHost}, {@code mailPort}, {@code mailFrom}
     */
    public static void checkMail(SmtpSettings mail) {
        if (mail == null || (blank(mail.host()) && blank(mail.from()))) {
            return;
        }
        try {
            MailSettingsStore.check(mail);
        } catch (ValidationFailed e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, message) -> errors.put("mail" + Character.toUpperCase(field.charAt(0))
                    + field.substring(1), message));
            throw new ValidationFailed(errors);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Finishes setup: everything checked again, then stored in one transaction and audited; the setup code
     * no longer opens anything. The caller installs a new certificate afterwards ({@link TlsCertificates}) and
     * then {@link #consumeCode()}.
     *
     * @return the actor that stands for the new administrator, for the certificate's audit entry
     */
    @Transactional
    public Actor finish(String code, Request r, String sourceIp) {
        checkCode(code, sourceIp);
        checkAdministrator(r.username(), r.fullName(), r.password(), r.password());
        String dns = DnsName.check(r.dnsName(), "dnsName");
        checkMail(r.mail());
        String reason = Actor.requireReason(r.reason());
        if (!settings.markSetupCompleted()) {
            throw ValidationFailed.of("code", "Setup is already finished. Please log in.");
        }
        String username = r.username().strip();
        User admin = firstAdministrator.create(username, r.fullName().strip(), r.password().toCharArray(), false,
                "setup", sourceIp, reason);
        Actor actor = new Actor(admin.getAccount().getId(), admin.getId(), admin.getAccount().getName() + "/" + username,
                sourceIp, right -> true);
        settings.putDnsName(dns);
        audit.record(AuditEntry.change(actor, AuditAction.SETTINGS_DNS_NAME, "appliance", Changes.of().field("dnsName", null, dns), reason));
        if (r.mail() != null && !blank(r.mail().host())) {
            mail.save(r.mail(), actor, reason);
        }
        audit.record(AuditEntry.change(actor, AuditAction.SETUP_FINISH, "appliance", Changes.of().field("setup", "open", "finished at " + clock.instant()),
                reason));
        return actor;
    }

    /** Deletes the setup code once setup is stored. */
    public void consumeCode() {
        Optional<Path> file = SetupCode.file();
        file.ifPresent(SetupCode::consume);
        LOG.info("Setup wizard: finished; the setup code is deleted.");
    }
}
