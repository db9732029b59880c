package io.keyswitch.datapoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A device's credentials in a report: Basic, or Bearer with the device in the body")
class DeviceAuthorizationTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("Basic carries identity and secret; the secret may hold a colon")
    void basicAuthentication() {
        assertThat(DeviceAuthorization.parse(basic("device-42:abc:def"), null))
                .contains(new DeviceAuthorization("device-42", "abc:def"));
        assertThat(DeviceAuthorization.parse("basic " + Base64.getEncoder().encodeToString("device-1:s".getBytes(
                StandardCharsets.UTF_8)), null)).as("the scheme in any case").isPresent();
    }

    @Test
    @DisplayName("Bearer carries the secret; the identity comes from the body's device field")
    void bearer() {
        assertThat(DeviceAuthorization.parse("Bearer s3cr3t", " device-7 ")).contains(new DeviceAuthorization("device-7", "s3cr3t"));
        assertThat(DeviceAuthorization.parse("Bearer s3cr3t", null)).as("no device named").isEmpty();
    }

    @Test
    @DisplayName("no header, another scheme, bad base64, no colon, an empty part or an overlong header: no credentials")
    void nothingUsable() {
        assertThat(DeviceAuthorization.parse(null, "device-1")).isEmpty();
        assertThat(DeviceAuthorization.parse("Digest x", "device-1")).isEmpty();
        assertThat(DeviceAuthorization.parse("Basic !!!", null)).isEmpty();
        assertThat(DeviceAuthorization.parse(basic("device-1"), null)).isEmpty();
        assertThat(DeviceAuthorization.parse(basic(":secret"), null)).isEmpty();
        assertThat(DeviceAuthorization.parse(basic("device-1:"), null)).isEmpty();
        assertThat(DeviceAuthorization.parse("Basic " + "A".repeat(600), null)).isEmpty();
        assertThat(DeviceAuthorization.parse("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'}),
                null)).as("not UTF-8").isEmpty();
    }
}
