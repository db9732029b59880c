package io.keyswitch.vpn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IPv4 networks: the subnets an account's tunnel is chosen from")
class Ipv4NetworkTest {

    @Test
    @DisplayName("a /16 pool holds 128 tunnel subnets of /23, counted from its first address")
    void subnetsOfAPool() {
        // Arrange
        Ipv4Network pool = Ipv4Network.parse("10.200.0.0/16");

        // Act / Assert
        assertThat(pool.subnetCount(23)).isEqualTo(128);
        assertThat(pool.subnet(23, 0)).hasToString("10.200.0.0/23");
        assertThat(pool.subnet(23, 1)).hasToString("10.200.2.0/23");
        assertThat(pool.subnet(23, 127)).hasToString("10.200.254.0/23");
    }

    @Test
    @DisplayName("the top of the address space does not wrap: the last /24 of 255.255.0.0/16 is 255.255.255.0/24")
    void topOfTheAddressSpace() {
        assertThat(Ipv4Network.parse("255.255.0.0/16").subnet(24, 255)).hasToString("255.255.255.0/24");
    }

    @Test
    @DisplayName("a subnet outside the pool, or wider than it, is refused")
    void outside() {
        Ipv4Network pool = Ipv4Network.parse("10.200.0.0/16");

        assertThatThrownBy(() -> pool.subnet(23, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 10.200.0.0/16");
        assertThatThrownBy(() -> pool.subnetCount(15)).isInstanceOf(IllegalArgumentException.class);
    }
}
