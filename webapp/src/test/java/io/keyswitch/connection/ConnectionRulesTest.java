package io.keyswitch.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The firewall rules a connection needs")
class ConnectionRulesTest {

    @Test
    @DisplayName("one rule per merged service of each granted component, at its virtual address, for the technician's"
            + " tunnel address on the account's interface")
    void rulesOfComponents() {
        // Arrange
        List<GrantedComponent> granted = List.of(
                new GrantedComponent(1, "PLC", "192.168.0.10", "100.64.3.10", "tcp/102, icmp"),
                new GrantedComponent(2, "HMI", "192.168.0.20", "100.64.3.20", "tcp/80, tcp/443, tcp/81, udp/47808"));

        // Act
        List<FirewallRule> rules = ConnectionRules.of("ks3", "10.128.0.6", granted);

        // Assert
        assertThat(rules).extracting(FirewallRule::toString).containsExactly(
                "ks3 10.128.0.6 100.64.3.10/icmp",
                "ks3 10.128.0.6 100.64.3.10/tcp/102",
                "ks3 10.128.0.6 100.64.3.20/tcp/80-81",
                "ks3 10.128.0.6 100.64.3.20/tcp/443",
                "ks3 10.128.0.6 100.64.3.20/udp/47808");
    }

    @Test
    @DisplayName("a component whose stored services no longer parse opens nothing")
    void brokenServicesOpenNothing() {
        assertThat(ConnectionRules.of("ks3", "10.128.0.6",
                List.of(new GrantedComponent(1, "PLC", "192.168.0.10", "100.64.3.10", "all ports")))).isEmpty();
    }

    @Test
    @DisplayName("a rule holds only what the helper's grammar allows: ks<digits>, IPv4 addresses, tcp/udp ports, icmp")
    void ruleValues() {
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("eth0", "10.128.0.6", "100.64.3.10", "tcp", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("ks3", "10.128.0.6 ", "100.64.3.10", "tcp", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("ks3", "10.128.0.6", "100.64.3.256", "tcp", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("ks3", "10.128.0.6", "100.64.3.10", "sctp", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("ks3", "10.128.0.6", "100.64.3.10", "tcp", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("ks3", "10.128.0.6", "100.64.3.10", "tcp", 9, 8));
        assertThrows(IllegalArgumentException.class, () -> new FirewallRule("ks3", "10.128.0.6", "100.64.3.10", "icmp", 1, 1));
        assertThat(new FirewallRule("ks12", "10.128.0.6", "100.64.3.10", "udp", 47808, 47808).target())
                .isEqualTo("100.64.3.10/udp/47808");
    }
}
