package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.device.VirtualSubnets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("IPv4 subnets as an administrator types them")
class Ipv4SubnetTest {

    @Test
    @DisplayName("a network address with its prefix is read and written back the same")
    void roundTrip() {
        Ipv4Subnet lan = Ipv4Subnet.parse(" 192.168.0.0/24 ").subnet();

        assertThat(lan).hasToString("192.168.0.0/24");
        assertThat(lan.size()).isEqualTo(256);
        assertThat(lan.containsHost(Ipv4Address.parse("192.168.0.10").orElseThrow())).isTrue();
        assertThat(lan.containsHost(Ipv4Address.parse("192.168.0.0").orElseThrow())).as("network address").isFalse();
        assertThat(lan.containsHost(Ipv4Address.parse("192.168.0.255").orElseThrow())).as("broadcast").isFalse();
        assertThat(lan.containsHost(Ipv4Address.parse("192.168.1.10").orElseThrow())).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
        "192.168.0.0|A subnet needs a prefix length, such as 192.168.0.0/24.",
        "192.168.0.1/24|Use the network address: 192.168.0.0/24.",
        "192.168.0.0/33|The prefix length must be from 8 to 30.",
        "192.168.0.0/x|The prefix length must be a number from 8 to 30.",
        "192.168.256.0/24|'192.168.256.0' is not an IPv4 address.",
        "192.168.00.0/24|'192.168.00.0' is not an IPv4 address.",
        "plc.example/24|'plc.example' is not an IPv4 address.",
    })
    @DisplayName("a wrong subnet is refused with a message that says what is wrong")
    void refused(String text, String message) {
        Ipv4Subnet.Parsed parsed = Ipv4Subnet.parse(text);

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.error()).isEqualTo(message);
    }

    @Test
    @DisplayName("virtual subnets are the LAN's size, taken in order from the pool, never overlapping")
    void allocation() {
        Ipv4Subnet pool = Ipv4Subnet.parse("10.200.0.0/22").subnet();
        java.util.List<Ipv4Subnet> taken = new java.util.ArrayList<>();

        for (int i = 0; i < 4; i++) {
            taken.add(VirtualSubnets.allocate(pool, 24, taken).orElseThrow());
        }

        assertThat(taken).map(Ipv4Subnet::toString)
                .containsExactly("10.200.0.0/24", "10.200.1.0/24", "10.200.2.0/24", "10.200.3.0/24");
        assertThat(VirtualSubnets.allocate(pool, 24, taken)).as("pool exhausted").isEmpty();
        assertThat(VirtualSubnets.allocate(pool, 23, taken.subList(1, 4))).as("a /23 needs an aligned free pair").isEmpty();
        assertThat(VirtualSubnets.allocate(pool, 25, taken.subList(1, 4))).hasValueSatisfying(
                s -> assertThat(s).hasToString("10.200.0.0/25"));
    }

    @Test
    @DisplayName("a LAN host maps 1:1 onto the virtual subnet of the same size (the router's NETMAP), nothing else does")
    void mapsOneToOne() {
        Ipv4Subnet lan = Ipv4Subnet.parse("192.168.0.0/24").subnet();
        Ipv4Subnet virtual = Ipv4Subnet.parse("100.64.7.0/24").subnet();

        assertThat(Ipv4Address.format(lan.map(Ipv4Address.parse("192.168.0.10").orElseThrow(), virtual)))
                .isEqualTo("100.64.7.10");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> lan.map(Ipv4Address.parse("192.168.1.10").orElseThrow(), virtual));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> lan.map(Ipv4Address.parse("192.168.0.10").orElseThrow(), Ipv4Subnet.parse("100.64.8.0/23").subnet()));
    }

    @Test
    @DisplayName("blocks aggregate into the fewest routes: aligned neighbours joined, contained ones dropped, order by address")
    void aggregate() {
        java.util.function.Function<String, Ipv4Subnet> net = t -> Ipv4Subnet.parse(t).subnet();
        java.util.List<Ipv4Subnet> blocks = java.util.List.of(net.apply("100.65.0.0/16"), net.apply("10.0.0.0/16"),
                net.apply("100.64.0.0/16"), net.apply("100.66.0.0/16"), net.apply("100.64.3.0/24"), net.apply("100.67.0.0/16"),
                net.apply("100.69.0.0/16"), net.apply("10.1.0.0/16"));

        assertThat(Ipv4Subnet.aggregate(blocks)).extracting(Ipv4Subnet::toString)
                .containsExactly("10.0.0.0/15", "100.64.0.0/14", "100.69.0.0/16");
        assertThat(Ipv4Subnet.aggregate(java.util.List.of(net.apply("100.65.0.0/16"), net.apply("100.66.0.0/16"))))
                .as("neighbours not aligned to the wider size stay apart").extracting(Ipv4Subnet::toString)
                .containsExactly("100.65.0.0/16", "100.66.0.0/16");
        assertThat(Ipv4Subnet.aggregate(java.util.List.of(net.apply("10.0.0.0/8"), net.apply("11.0.0.0/8"))))
                .as("never wider than /8").hasSize(2);
    }
}
