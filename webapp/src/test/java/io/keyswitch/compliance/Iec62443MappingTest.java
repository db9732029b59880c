package io.keyswitch.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The IEC 62443-3-3 mapping packed into the WAR (docs/secure/iec62443.md)")
class Iec62443MappingTest {

    /** How many SRs each of the seven foundational requirements has in IEC 62443-3-3: 51 in all. */
    private static final int[] PER_FR = {13, 12, 9, 3, 4, 2, 8};

    @Test
    @DisplayName("holds the 51 system requirements 1.1 … 7.8, each once, in the standard's order")
    void all51Once() {
        // Arrange
        List<String> expected = new ArrayList<>();
        for (int fr = 1; fr <= PER_FR.length; fr++) {
            for (int sr = 1; sr <= PER_FR[fr - 1]; sr++) {
                expected.add(fr + "." + sr);
            }
        }

        // Act
        List<SystemRequirement> rows = Iec62443Mapping.packaged();

        // Assert
        assertThat(expected).hasSize(51);
        assertThat(rows).extracting(SystemRequirement::id).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("every row has a title, one of the four statuses, and says how, what is missing or whose duty it is")
    void everyRowComplete() {
        // Act
        List<SystemRequirement> rows = Iec62443Mapping.packaged();

        // Assert
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.title()).as("title of %s", r.id()).isNotBlank();
            assertThat(r.status()).as("status of %s", r.id()).isIn((Object[]) RequirementStatus.values());
            assertThat(r.how()).as("how of %s", r.id()).isNotBlank();
        });
        assertThat(rows).extracting(r -> r.status().word()).containsOnly("implemented", "partly", "planned", "operator");
        assertThat(rows.stream().filter(r -> r.id().equals("1.6")).findFirst().orElseThrow().status())
                .as("the appliance has no wireless interface").isEqualTo(RequirementStatus.OPERATOR);
    }

    @Test
    @DisplayName("reads only SR rows: the header, the separator and prose are skipped; cells are trimmed")
    void readsOnlySrRows() {
        // Arrange
        String md = """
                # Title
                | SR | title | status | how / test / plan |
                | --- | --- | --- | --- |
                | 1.1 | Human user identification | implemented | Passwords (`FirstLoginIT`). |
                Some prose | with a pipe |
                |  7.8 |  Inventory  | partly |  Devices.  |
                """;

        // Act
        List<SystemRequirement> rows = Iec62443Mapping.parse(md);

        // Assert
        assertThat(rows).containsExactly(
                new SystemRequirement("1.1", "Human user identification", RequirementStatus.IMPLEMENTED, "Passwords (`FirstLoginIT`)."),
                new SystemRequirement("7.8", "Inventory", RequirementStatus.PARTLY, "Devices."));
    }

    @Test
    @DisplayName("a row with an unknown status or a missing cell is refused with its line number")
    void brokenRowsNamed() {
        assertThatThrownBy(() -> Iec62443Mapping.parse("intro\n| 1.1 | Title | done | how |"))
                .hasMessageContaining("line 2").hasMessageContaining("'done'");
        assertThatThrownBy(() -> Iec62443Mapping.parse("| 2.1 | Title | partly |"))
                .hasMessageContaining("line 1").hasMessageContaining("4 cells");
    }
}
