package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Subnet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Virtual subnets allocated from an account's pool")
class VirtualSubnetsTest {

    private static Ipv4Subnet subnet(String cidr) {
        return Ipv4Subnet.parse(cidr).subnet();
    }

    @Test
    @DisplayName("a single device gets the first free aligned subnet, jumping over taken blocks of any size")
    void firstFreeJumpsOverTakenBlocks() {
        Ipv4Subnet pool = subnet("10.0.0.0/16");
        List<Ipv4Subnet> taken = List.of(subnet("10.0.0.0/24"), subnet("10.0.1.0/25"), subnet("10.0.2.0/23"));

        assertThat(VirtualSubnets.allocate(pool, 24, taken)).contains(subnet("10.0.4.0/24"));
        assertThat(VirtualSubnets.allocate(pool, 25, taken)).contains(subnet("10.0.1.128/25"));
        assertThat(VirtualSubnets.allocate(pool, 22, taken)).contains(subnet("10.0.4.0/22"));
    }

    @Test
    @DisplayName("20,000 devices in a row get 20,000 distinct, non-overlapping subnets inside the pool, quickly")
    void manyInARowNeverOverlap() {
        Ipv4Subnet pool = subnet("10.0.0.0/8");
        VirtualSubnets allocator = new VirtualSubnets(pool, List.of(subnet("10.0.5.0/24")));
        List<Ipv4Subnet> given = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            given.add(allocator.next(i % 10 == 0 ? 23 : 24).orElseThrow());
        }

        assertThat(given).allSatisfy(s -> assertThat(pool.network() <= s.network() && s.broadcast() <= pool.broadcast()).isTrue());
        List<Ipv4Subnet> sorted = given.stream().sorted((a, b) -> Long.compare(a.network(), b.network())).toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).overlaps(sorted.get(i - 1))).as("%s vs %s", sorted.get(i), sorted.get(i - 1)).isFalse();
        }
        assertThat(given).noneMatch(s -> s.overlaps(subnet("10.0.5.0/24")));
    }

    @Test
    @DisplayName("when the end of the pool is reached, a gap left near its start is used, and then nothing is left")
    void wrapsOnceThenReportsExhaustion() {
        Ipv4Subnet pool = subnet("10.9.0.0/22");
        VirtualSubnets allocator = new VirtualSubnets(pool, List.of(subnet("10.9.1.0/24"), subnet("10.9.2.0/24")));

        assertThat(allocator.next(24)).contains(subnet("10.9.0.0/24"));
        assertThat(allocator.next(24)).contains(subnet("10.9.3.0/24"));
        assertThat(allocator.next(24)).isEmpty();
    }

    @Test
    @DisplayName("over several blocks: the first is filled, then the next; a block the pool grew by is used once added")
    void severalBlocksAndGrowth() {
        // Arrange
        VirtualSubnets allocator = new VirtualSubnets(List.of(subnet("100.80.0.0/23"), subnet("100.64.0.0/23")),
                List.of(subnet("100.64.0.0/24")));

        // Act
        List<Ipv4Subnet> given = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            allocator.next(24).ifPresent(given::add);
        }
        boolean fullBeforeGrowth = allocator.next(24).isEmpty();
        allocator.add(subnet("10.0.0.0/24"));
        allocator.next(24).ifPresent(given::add);

        // Assert
        assertThat(given).containsExactly(subnet("100.64.1.0/24"), subnet("100.80.0.0/24"), subnet("100.80.1.0/24"),
                subnet("10.0.0.0/24"));
        assertThat(fullBeforeGrowth).isTrue();
        assertThat(allocator.next(24)).isEmpty();
        assertThat(allocator.next(22)).as("a LAN wider than every block fits in none").isEmpty();
    }
}
