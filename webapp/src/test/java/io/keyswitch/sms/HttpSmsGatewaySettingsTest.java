package io.keyswitch.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTP SMS gateway settings")
class HttpSmsGatewaySettingsTest {

    @Test
    @DisplayName("read every key, with headers one per line")
    void readsKeys() {
        Map<String, String> config = Map.of(
                "keyswitch.sms.http.method", "put",
                "keyswitch.sms.http.url", "https://sms.example/v1/send",
                "keyswitch.sms.http.body", "{\"to\":\"${phone}\",\"text\":\"${text}\"}",
                "keyswitch.sms.http.content-type", "application/json",
                "keyswitch.sms.http.headers", "Authorization: Bearer abc\nX-Tenant: plant-1",
                "keyswitch.sms.http.connect-timeout", "3",
                "keyswitch.sms.http.request-timeout", "PT20S");

        HttpSmsGatewaySettings settings = HttpSmsGatewaySettings.from(config::get);

        assertEquals(new HttpSmsGatewaySettings("PUT", "https://sms.example/v1/send", "{\"to\":\"${phone}\",\"text\":\"${text}\"}",
                "application/json", Map.of("Authorization", "Bearer abc", "X-Tenant", "plant-1"),
                Duration.ofSeconds(3), Duration.ofSeconds(20)), settings);
    }

    @Test
    @DisplayName("default to POST, form encoding, 5 s to connect and 10 s to answer; the URL is required")
    void defaults() {
        HttpSmsGatewaySettings settings = HttpSmsGatewaySettings.from(Map.of(
                "keyswitch.sms.http.url", "https://sms.example/send",
                "keyswitch.sms.http.body", "to=${phone}&text=${text}")::get);

        assertEquals("POST", settings.method());
        assertEquals("application/x-www-form-urlencoded", settings.contentType());
        assertEquals(Duration.ofSeconds(5), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.requestTimeout());
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class, () -> HttpSmsGatewaySettings.from(key -> null));
        assertTrue(noUrl.getMessage().contains("keyswitch.sms.http.url"));
    }

    @Test
    @DisplayName("never show header values or the URL's query")
    void toStringHidesSecrets() {
        HttpSmsGatewaySettings settings = HttpSmsGatewaySettings.get("https://sms.example/send?apikey=k3y&to=${phone}&text=${text}",
                Map.of("Authorization", "Bearer abc"));

        String shown = settings.toString();

        assertTrue(shown.contains("GET https://sms.example/send?…"), shown);
        assertTrue(shown.contains("[Authorization]"), shown);
        assertFalse(shown.contains("k3y"), shown);
        assertFalse(shown.contains("Bearer abc"), shown);
    }

    @Test
    @DisplayName("refuse a body with GET and a URL that is not http(s)")
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new HttpSmsGatewaySettings("GET", "https://sms.example/",
                "to=${phone}", "text/plain", Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> HttpSmsGatewaySettings.get("ftp://sms.example/${phone}/${text}", Map.of()));
    }
}
