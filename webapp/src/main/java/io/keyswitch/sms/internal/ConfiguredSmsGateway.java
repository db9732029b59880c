package io.keyswitch.sms.internal;

import io.keyswitch.platform.SettingsReader;
import io.keyswitch.sms.SmsSettingsStore;
import io.keyswitch.sms.HttpSmsGateway;
import io.keyswitch.sms.LogOnlySmsGateway;
import io.keyswitch.sms.SmsDeliveryException;
import io.keyswitch.sms.SmsGateway;
import io.keyswitch.sms.SmsGatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * The gateway the page "SMS gateway" chose, read at every message (a change applies at once): a
 * provider's HTTP API, the log-only gateway, or none. The HTTP gateway is made again only when
 * its settings change. The log-only gateway masks codes in the log; with the MicroProfile Config
 * key {@value #KEY_OUTBOX_FILE} (tests only) it also writes every message in full to that file.
 */
@ApplicationScoped
public class ConfiguredSmsGateway implements SmsGateway {

    /** A file the log-only gateway appends every message to, in full; for tests, never on an appliance. */
    public static final String KEY_OUTBOX_FILE = "keyswitch.sms.log-only.outbox-file";

    @Inject
    SmsSettingsStore settings;

    private LogOnlySmsGateway logOnly;
    private SmsGatewaySettings httpSettings;
    private HttpSmsGateway http;

    @PostConstruct
    void init() {
        logOnly = SettingsReader.portal().optionalText(KEY_OUTBOX_FILE).map(file -> LogOnlySmsGateway.writingTo(Path.of(file)))
                .orElseGet(LogOnlySmsGateway::new);
    }

    /** Whether a gateway is chosen, so the SMS factor can be offered. */
    public boolean configured() {
        return settings.load().configured();
    }

    @Override
    public void send(String phoneNumber, String text) {
        SmsGatewaySettings s = settings.load();
        switch (s.kind()) {
            case NONE -> throw new SmsDeliveryException("No SMS gateway is configured (SMS gateway settings).");
            case LOG_ONLY -> logOnly.send(phoneNumber, text);
            case HTTP -> http(s).send(phoneNumber, text);
        }
    }

    private synchronized HttpSmsGateway http(SmsGatewaySettings s) {
        if (http == null || !s.equals(httpSettings)) {
            try {
                http = new HttpSmsGateway(s.http());
            } catch (IllegalArgumentException e) {
                throw new SmsDeliveryException("The SMS gateway settings are not usable: " + e.getMessage(), e);
            }
            httpSettings = s;
        }
        return http;
    }
}
