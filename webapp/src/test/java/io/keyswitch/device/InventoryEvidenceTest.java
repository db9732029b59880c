package io.keyswitch.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The inventory's evidence words (IEC 62443 SR 7.8)")
class InventoryEvidenceTest {

    @Test
    @DisplayName("devices, components and projects counted, singular and plural")
    void inventory() {
        assertThat(InventoryEvidence.inventory(12, 20_000, 100_000))
                .isEqualTo("inventory: 20,000 devices with 100,000 components (address and allowed services each) in 12 projects");
        assertThat(InventoryEvidence.inventory(1, 1, 0))
                .isEqualTo("inventory: 1 device with 0 components (address and allowed services each) in 1 project");
    }
}
