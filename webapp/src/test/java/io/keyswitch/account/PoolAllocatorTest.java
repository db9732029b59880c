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
    @DisplayName("no suggestion touches the VPN's tunnel addresses")
    void avoidsTunnel() {
        PoolAllocator inTen = new PoolAllocator(net("10.0.0.0/8"), 9, net("10.0.0.0/9"));
        assertThat(inTen.suggest(List.of())).contains(net("10.128.0.0/9"));
        assertThat(inTen.suggest(List.of(net("10.128.0.0/9")))).isEmpty();
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

    private static Ipv4Subnet net(String text) {
        return Ipv4Subnet.parse(text).subnet();
    }
}
