package io.keyswitch.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.sms.SmsGatewaySettings.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SMS gateway as the settings page keeps it")
class SmsGatewaySettingsTest {

    private static final String BODY = "{\"to\":\"${phone}\",\"text\":\"${text}\"}";

    @Test
    @DisplayName("describe() names method, URL without query, content type and header names, never a credential")
    void describeHidesCredentials() {
        SmsGatewaySettings s = new SmsGatewaySettings(Kind.HTTP, "post", "https://sms.example/send?apikey=k-123",
                BODY, "application/json", "Authorization: Bearer t-456\nX-Account: acme-789");

        assertThat(s.describe()).isEqualTo("gateway=http method=POST url=https://sms.example/send?… "
                + "content-type=application/json body=(set) headers=Authorization,X-Account")
                .doesNotContain("k-123", "t-456", "acme-789");
        assertThat(SmsGatewaySettings.none().describe()).isEqualTo("gateway=none");
        assertThat(new SmsGatewaySettings(Kind.LOG_ONLY, null, null, null, null, null).describe()).isEqualTo("gateway=log-only");
        assertThat(SmsGatewaySettings.none().configured()).isFalse();
    }

    @Test
    @DisplayName("http() gives the HTTP gateway's settings, checked as at start; a wrong value names its key")
    void httpIsChecked() {
        HttpSmsGatewaySettings http = new SmsGatewaySettings(Kind.HTTP, null, "https://sms.example/send", BODY, null,
                "Authorization: Bearer t").http();

        assertThat(http.method()).isEqualTo("POST");
        assertThat(http.contentType()).isEqualTo(HttpSmsGatewaySettings.DEFAULT_CONTENT_TYPE);
        assertThat(http.headers()).containsEntry("Authorization", "Bearer t");
        assertThatThrownBy(() -> new SmsGatewaySettings(Kind.HTTP, "GET", "https://sms.example/send", BODY, null, "").http())
                .hasMessageContaining(HttpSmsGatewaySettings.KEY_BODY);
        assertThatThrownBy(() -> new SmsGatewaySettings(Kind.HTTP, "POST", "https://sms.example/send", BODY, null, "no colon").http())
                .hasMessageContaining(HttpSmsGatewaySettings.KEY_HEADERS);
        assertThatThrownBy(() -> new SmsGatewaySettings(Kind.HTTP, "POST", "", BODY, null, "").http())
                .hasMessageContaining(HttpSmsGatewaySettings.KEY_URL);
    }
}
