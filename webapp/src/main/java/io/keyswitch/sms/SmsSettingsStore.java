package io.keyswitch.sms;

import io.keyswitch.audit.Changes;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.Actor;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.SettingRepository;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and changes the SMS gateway in the {@code setting} table (scope 0: the appliance). The
 * URL, body and headers may hold the provider's credentials (an API key in the query, a password
 * in a form body, an {@code Authorization} header), so they are kept sealed
 * ({@link SettingRepository#putSecret}: AES-256-GCM with the portal's key); the gateway kind,
 * method and content type stay readable.
 */
@ApplicationScoped
public class SmsSettingsStore {

    private static final List<String> SEALED = List.of(SmsGatewaySettings.KEY_URL, SmsGatewaySettings.KEY_BODY,
            SmsGatewaySettings.KEY_HEADERS);

    @Inject
    SettingRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    jakarta.enterprise.inject.Instance<io.keyswitch.sms.internal.ConfiguredSmsGateway> gateway;

    public SmsGatewaySettings load() {
        Map<String, String> values = repository.findAll(SettingRepository.APPLIANCE, "sms.");
        for (String key : SEALED) {
            if (values.containsKey(key)) {
                values.put(key, repository.findSecret(SettingRepository.APPLIANCE, key));
            }
        }
        SmsGatewaySettings.Kind kind;
        try {
            kind = SmsGatewaySettings.Kind.valueOf(values.getOrDefault(SmsGatewaySettings.KEY_KIND, "NONE"));
        } catch (IllegalArgumentException e) {
            kind = SmsGatewaySettings.Kind.NONE;
        }
        return new SmsGatewaySettings(kind, values.get(SmsGatewaySettings.KEY_METHOD), values.get(SmsGatewaySettings.KEY_URL),
                values.get(SmsGatewaySettings.KEY_BODY), values.get(SmsGatewaySettings.KEY_CONTENT_TYPE),
                values.get(SmsGatewaySettings.KEY_HEADERS));
    }

    /**
     * Checks and saves the gateway, and audits it ({@code settings.sms}, before and after without
     * credentials). Only a system administrator may: the gateway serves every account.
     *
     * @param settings blank headers keep the stored ones
     * @throws io.keyswitch.platform.Forbidden unless the actor holds {@value Rights#ACCOUNT_MANAGE}
     * @throws ValidationFailed with a message per field ({@code kind}, {@code method}, {@code url},
     *     {@code body}, {@code contentType}, {@code headers}, {@code reason}); nothing is stored then
     */
    @Transactional
    public SmsGatewaySettings save(SmsGatewaySettings settings, Actor actor, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        SmsGatewaySettings before = load();
        boolean keepHeaders = settings.headers().isBlank();
        SmsGatewaySettings next = keepHeaders
                ? new SmsGatewaySettings(settings.kind(), settings.method(), settings.url(), settings.body(),
                        settings.contentType(), before.headers())
                : settings;
        if (next.kind() == SmsGatewaySettings.Kind.HTTP) {
            check(next);
        }
        put(SmsGatewaySettings.KEY_KIND, next.kind().name());
        put(SmsGatewaySettings.KEY_METHOD, next.method());
        repository.putSecret(SettingRepository.APPLIANCE, SmsGatewaySettings.KEY_URL, next.url());
        repository.putSecret(SettingRepository.APPLIANCE, SmsGatewaySettings.KEY_BODY, next.body());
        put(SmsGatewaySettings.KEY_CONTENT_TYPE, next.contentType());
        repository.putSecret(SettingRepository.APPLIANCE, SmsGatewaySettings.KEY_HEADERS, next.headers());
        SmsGatewaySettings after = load();
        Changes changes = Changes.between(before.shown(), after.shown());
        if (!after.headers().equals(before.headers())) {
            String names = after.shown().get("headers");
            changes.field("headers", before.shown().get("headers"), names == null ? "(removed)" : names + " (changed)");
        }
        audit.record(AuditEntry.of(actor, AuditAction.SETTINGS_SMS, Outcome.SUCCESS).on("sms gateway")
                .withDetails(changes.toJson()).because(why));
        return after;
    }

    /**
     * Sends a test SMS through the gateway as saved. Only a system administrator may.
     *
     * @throws ValidationFailed (field {@code testTo}) for a number not in international form
     * @throws io.keyswitch.sms.SmsDeliveryException if the gateway did not take it
     */
    public void sendTest(Actor actor, String phoneNumber) {
        actor.require(Rights.ACCOUNT_MANAGE);
        try {
            SmsGateway.e164(phoneNumber);
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("testTo", "Enter the number in international form, such as +49 170 1234567.");
        }
        gateway.get().send(phoneNumber, "This is a test SMS from your Keyswitch portal. The SMS gateway works.");
    }

    /** The HTTP gateway as it would start; its complaints become field messages in plain words. */
    private static void check(SmsGatewaySettings settings) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (settings.url().isBlank()) {
            errors.put("url", "Please enter the provider's URL.");
        } else {
            try {
                new HttpSmsGateway(settings.http());
            } catch (IllegalArgumentException e) {
                String message = e.getMessage() == null ? "This setting is not usable." : e.getMessage();
                errors.put(field(message), plainWords(message));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    private static String field(String message) {
        if (message.startsWith(HttpSmsGatewaySettings.KEY_METHOD)) {
            return "method";
        }
        if (message.startsWith(HttpSmsGatewaySettings.KEY_HEADERS)) {
            return "headers";
        }
        if (message.startsWith(HttpSmsGatewaySettings.KEY_BODY)) {
            return "body";
        }
        return "url";
    }

    private static String plainWords(String message) {
        String m = message.replace("Neither " + HttpSmsGatewaySettings.KEY_URL + " nor " + HttpSmsGatewaySettings.KEY_BODY
                + " mentions", "Neither the URL nor the body mentions")
                .replace(HttpSmsGatewaySettings.KEY_METHOD, "The method")
                .replace(HttpSmsGatewaySettings.KEY_URL, "The URL")
                .replace(HttpSmsGatewaySettings.KEY_BODY, "The body")
                .replace(HttpSmsGatewaySettings.KEY_HEADERS, "The headers");
        return m.endsWith(".") ? m : m + ".";
    }

    private void put(String key, String value) {
        repository.put(SettingRepository.APPLIANCE, key, value);
    }
}
