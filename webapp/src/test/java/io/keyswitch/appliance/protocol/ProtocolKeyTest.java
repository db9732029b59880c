package io.keyswitch.appliance.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.ValidationFailed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The system protocol's page key")
class ProtocolKeyTest {

    @Test
    @DisplayName("holds the position in both sources and reads back what it wrote, URL-safe")
    void roundTrip() {
        ProtocolKey key = ProtocolKey.START.afterAudit(1234).afterJournal("s=6a0c;i=1f3;b=9d2;m=2c1;t=62a;x=77");

        String text = key.text();

        assertThat(text).matches("a1234\\.j[A-Za-z0-9_-]+");
        assertThat(ProtocolKey.parse(text)).isEqualTo(key);
        assertThat(ProtocolKey.parse(ProtocolKey.START.text())).isEqualTo(ProtocolKey.START);
        assertThat(ProtocolKey.parse(null)).isEqualTo(ProtocolKey.START);
        assertThat(ProtocolKey.parse(ProtocolKey.START.afterAudit(7).text())).isEqualTo(new ProtocolKey(7L, null));
    }

    @Test
    @DisplayName("refuses anything else as a bad 'after'")
    void refusesOthers() {
        for (String bad : new String[] {"1234", "a12.jnot base64", "a-1.j", "a99999999999999999999.j", "x"}) {
            assertThatThrownBy(() -> ProtocolKey.parse(bad)).as(bad).isInstanceOf(ValidationFailed.class);
        }
    }
}
