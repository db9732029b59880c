package io.keyswitch.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.Ipv4Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Each account gets a virtual pool of its own")
class PoolAllocatorTest {

    private static final PoolAllocator DEFAULTS = new PoolAllocator(net("100.64.0.0/10"), 16, net("10.128.0.0/9"));

    @Test
    @DisplayName("the first account gets the first /16, the next the next free one")
    void firstFree() {
        assertThat(DEFAULTS.suggest(List.of())).contains(net("100.64.0.0/16"));
        assertThat(DEFAULTS.suggest(List.of(net("100.64.0.0/16"), net("100.66.0.0/16")))).contains(net("100.65.0.0/16"));
    }

    @Test
    @DisplayName("a wide pool typed by an administrator is jumped over; 64 accounts fill 100.64.0.0/10")
    void jumpsAndFills() {
        assertThat(DEFAULTS.suggest(List.of(net("100.64.0.0/12"), net("100.80.3.0/24")))).contains(net("100.81.0.0/16"));
        List<Ipv4Subnet> taken = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Optional<Ipv4Subnet> next = DEFAULTS.suggest(taken);
            assertThat(next).as("account " + (i + 1)).isPresent();
            assertThat(taken).noneMatch(next.get()::overlaps);
            taken.add(next.get());
        }
        assertThat(DEFAULTS.suggest(taken)).isEmpty();
        assertThat(DEFAULTS.suggest(List.of(net("100.64.0.0/10")))).as("an old account holding the whole space").isEmpty();
    }

    @Test
    @DisplayName("no suggestion touches the VPN's tunnel addresses, even in a range right beside them")
    void avoidsTunnel() {
        PoolAllocator inTen = new PoolAllocator(net("10.0.0.0/9"), 9, net("10.128.0.0/9"));
        assertThat(inTen.suggest(List.of())).contains(net("10.0.0.0/9"));
        assertThat(inTen.suggest(List.of(net("10.0.0.0/9")))).isEmpty();
        assertThat(inTen.suggest(List.of(net("10.0.0.0/9")), 8)).as("a /8 would hold the tunnel pool").isEmpty();
    }

    @Test
    @DisplayName("a typed pool is refused when it overlaps another account's or the tunnel pool, or has a silly size")
    void problems() {
        Map<String, Ipv4Subnet> others = Map.of("acme", net("100.64.0.0/16"));
        assertThat(DEFAULTS.problem(net("100.64.128.0/17"), others)).contains("It overlaps the virtual pool 100.64.0.0/16 of account 'acme'.");
        assertThat(DEFAULTS.problem(net("10.200.0.0/16"), others)).contains("It overlaps the VPN's tunnel addresses 10.128.0.0/9.");
        assertThat(DEFAULTS.problem(net("100.65.0.0/25"), others)).contains("A virtual pool must be from /8 to /24.");
        assertThat(DEFAULTS.problem(net("100.65.0.0/16"), others)).isEmpty();
        assertThat(DEFAULTS.problem(net("172.16.0.0/12"), others)).as("outside the suggestion space is allowed").isEmpty();
    }

    @Test
    @DisplayName("a pool size outside the space or wider than /8 is a setting error")
    void badSettings() {
        assertThatThrownBy(() -> new PoolAllocator(net("100.64.0.0/10"), 9, net("10.128.0.0/9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/10 to /24");
        assertThatThrownBy(() -> new PoolAllocator(net("100.64.0.0/10"), 25, net("10.128.0.0/9")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The default space: 100.64.0.0/10, then 10.0.0.0/9 beside the tunnel pool 10.128.0.0/9. */
    private static final PoolAllocator SPACE = new PoolAllocator(List.of(net("100.64.0.0/10"), net("10.0.0.0/9")), 16,
            net("10.128.0.0/9"));

    @Test
    @DisplayName("over several ranges: 100.64.0.0/10 is filled first, then 10.0.0.0/9, each block aligned to its size, none"
            + " in the tunnel pool, 192 /16s in all (49,152 device /24s), then nothing")
    void fillsRangesInOrder() {
        // Arrange
        List<Ipv4Subnet> taken = new ArrayList<>();

        // Act
        Optional<Ipv4Subnet> next;
        while ((next = SPACE.suggest(taken)).isPresent()) {
            assertThat(taken).as("given twice").noneMatch(next.get()::overlaps);
            taken.add(next.get());
        }

        // Assert
        assertThat(taken).hasSize(64 + 128);
        assertThat(taken.subList(0, 64)).allMatch(net("100.64.0.0/10")::contains);
        assertThat(taken.get(63)).isEqualTo(net("100.127.0.0/16"));
        assertThat(taken.get(64)).as("the next range once the first is full").isEqualTo(net("10.0.0.0/16"));
        assertThat(taken.subList(64, taken.size())).allMatch(net("10.0.0.0/9")::contains);
        assertThat(taken).noneMatch(net("10.128.0.0/9")::overlaps);
        assertThat(taken).allMatch(b -> b.prefix() == 16 && b.network() % (1L << 16) == 0);
        assertThat(SPACE.capacity(24)).isEqualTo(49_152);
    }

    @Test
    @DisplayName("a block as wide as a device's LAN is aligned to its size, jumping over narrower blocks in the way")
    void wideBlocksAreAligned() {
        List<Ipv4Subnet> taken = List.of(net("100.64.0.0/16"), net("100.65.0.0/16"), net("100.68.0.0/16"));

        assertThat(SPACE.suggest(taken, 16)).contains(net("100.66.0.0/16"));
        assertThat(SPACE.suggest(taken, 14)).contains(net("100.72.0.0/14"));
        assertThat(SPACE.suggest(taken, 24)).contains(net("100.66.0.0/24"));
        assertThat(SPACE.suggest(List.of(net("100.64.0.0/10")), 9)).as("a /9 fits only in 10.0.0.0/9").contains(net("10.0.0.0/9"));
        assertThat(SPACE.suggest(List.of(), 7)).isEmpty();
    }

    @Test
    @DisplayName("pools of old accounts that overlap each other or the tunnel pool are jumped over all the same")
    void overlappingTakenBlocks() {
        List<Ipv4Subnet> taken = List.of(net("100.64.0.0/10"), net("100.64.0.0/16"), net("10.0.0.0/10"), net("10.64.0.0/16"));

        assertThat(SPACE.suggest(taken)).contains(net("10.65.0.0/16"));
    }

    @Test
    @DisplayName("a space whose range overlaps the tunnel pool or another range is refused, naming the setting")
    void badSpace() {
        assertThatThrownBy(() -> new PoolAllocator(List.of(net("100.64.0.0/10"), net("10.0.0.0/8")), 16, net("10.128.0.0/9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyswitch.accounts.virtual-space: 10.0.0.0/8 overlaps the VPN's tunnel pool 10.128.0.0/9"
                        + " (keyswitch.vpn.tunnel-pool); choose ranges outside it");
        assertThatThrownBy(() -> new PoolAllocator(List.of(net("100.64.0.0/10"), net("100.96.0.0/11")), 16, net("10.128.0.0/9")))
                .hasMessage("keyswitch.accounts.virtual-space: 100.96.0.0/11 overlaps 100.64.0.0/10; name each range once");
        assertThatThrownBy(() -> new PoolAllocator(List.of(), 16, net("10.128.0.0/9")))
                .hasMessageStartingWith("keyswitch.accounts.virtual-space: name at least one range");
        assertThatThrownBy(() -> new PoolAllocator(List.of(net("100.64.0.0/10"), net("192.168.100.0/24")), 16, net("10.128.0.0/9")))
                .hasMessageStartingWith("keyswitch.accounts.pool-prefix: a block must be from /24 to /24");
    }

    @Test
    @DisplayName("the settings: the default space holds 49,152 device /24s; a bad one fails with its key named")
    void fromSettings() {
        PoolAllocator defaults = VirtualPools.allocator(io.keyswitch.platform.SettingsReader.of(key -> null));
        assertThat(defaults.space()).containsExactly(net("100.64.0.0/10"), net("10.0.0.0/9"));
        assertThat(defaults.capacity(24)).isGreaterThanOrEqualTo(20_000);

        Map<String, String> typed = Map.of("keyswitch.accounts.virtual-space", "100.64.0.0/10, 172.16.0.0/12",
                "keyswitch.accounts.pool-prefix", "18");
        assertThat(VirtualPools.allocator(io.keyswitch.platform.SettingsReader.of(typed::get)))
                .isEqualTo(new PoolAllocator(List.of(net("100.64.0.0/10"), net("172.16.0.0/12")), 18, net("10.128.0.0/9")));

        assertThatThrownBy(() -> VirtualPools.allocator(io.keyswitch.platform.SettingsReader.of(
                Map.of("keyswitch.accounts.virtual-space", "100.64.0.0/10, 10.0.0.0/33")::get)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("keyswitch.accounts.virtual-space: ");
        assertThatThrownBy(() -> VirtualPools.allocator(io.keyswitch.platform.SettingsReader.of(
                Map.of("keyswitch.vpn.tunnel-pool", "100.64.0.0/16")::get)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keyswitch.accounts.virtual-space: 100.64.0.0/10"
                        + " overlaps the VPN's tunnel pool 100.64.0.0/16");
    }

    @Test
    @DisplayName("a pool of several blocks is refused when one overlaps another of the same pool or another account's")
    void severalBlocks() {
        Map<String, List<Ipv4Subnet>> others = Map.of("acme", List.of(net("100.64.0.0/16"), net("10.0.0.0/16")));

        assertThat(SPACE.problem(List.of(net("100.65.0.0/16"), net("10.1.0.0/16")), others)).isEmpty();
        assertThat(SPACE.problem(List.of(net("100.65.0.0/16"), net("10.0.128.0/17")), others))
                .contains("It overlaps the virtual pool 10.0.0.0/16 of account 'acme'.");
        assertThat(SPACE.problem(List.of(net("100.66.0.0/15"), net("100.67.0.0/16")), others))
                .contains("100.67.0.0/16 overlaps 100.66.0.0/15 of the same pool.");
    }

    private static Ipv4Subnet net(String text) {
        return Ipv4Subnet.parse(text).subnet();
    }
}
