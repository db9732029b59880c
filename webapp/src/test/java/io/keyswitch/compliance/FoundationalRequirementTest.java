package io.keyswitch.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The foundational requirement of a system requirement (the PDF's sections)")
class FoundationalRequirementTest {

    @Test
    @DisplayName("SR 1.11 is FR 1, SR 7.8 FR 7, with the standard's titles")
    void byNumber() {
        assertThat(FoundationalRequirement.of("1.11").heading()).isEqualTo("FR 1 Identification and authentication control");
        assertThat(FoundationalRequirement.of("7.8").heading()).isEqualTo("FR 7 Resource availability");
    }

    @Test
    @DisplayName("every SR of the packaged mapping belongs to one of the seven")
    void everyRowOfTheMapping() {
        assertThat(Iec62443Mapping.packaged()).extracting(r -> FoundationalRequirement.of(r.id()))
                .containsOnly(FoundationalRequirement.values());
    }

    @Test
    @DisplayName("a number outside FR 1 to 7 is a defect of the mapping, named")
    void unknown() {
        assertThatThrownBy(() -> FoundationalRequirement.of("8.1")).hasMessageContaining("SR 8.1");
        assertThatThrownBy(() -> FoundationalRequirement.of("11")).hasMessageContaining("SR 11");
    }
}
