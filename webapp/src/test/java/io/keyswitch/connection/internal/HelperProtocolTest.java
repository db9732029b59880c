package io.keyswitch.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyswitch.connection.Firewall;
import io.keyswitch.connection.FirewallException;
import io.keyswitch.connection.FirewallRule;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The firewall helper's grammar, as the portal writes requests and reads answers")
class HelperProtocolTest {

    private static final FirewallRule PLC = new FirewallRule("ks3", "10.128.0.6", "100.64.3.10", "tcp", 102, 102);
    private static final FirewallRule HMI = new FirewallRule("ks3", "10.128.0.6", "100.64.3.20", "tcp", 8000, 8010);
    private static final FirewallRule PING = new FirewallRule("ks3", "10.128.0.6", "100.64.3.20", "icmp", 0, 0);
    private static final FirewallRule OTHER = new FirewallRule("ks4", "10.128.128.2", "100.65.0.10", "udp", 47808, 47808);

    @Test
    @DisplayName("one request per interface and technician, each rule a target")
    void requests() {
        assertThat(HelperProtocol.requests("ADD", List.of(PLC, HMI, PING, OTHER))).containsExactly(
                "ADD ks3 10.128.0.6 100.64.3.10/tcp/102 100.64.3.20/tcp/8000-8010 100.64.3.20/icmp",
                "ADD ks4 10.128.128.2 100.65.0.10/udp/47808");
    }

    @Test
    @DisplayName("reads OK lines, a DEL's byte counts and a LIST's rows back into rules")
    void answers() throws FirewallException {
        assertThat(HelperProtocol.ok("OK 3")).containsExactly("3");
        assertThat(HelperProtocol.removed("OK 2 1500 64000")).isEqualTo(new Firewall.Counted(1500, 64000));
        List<Firewall.CountedRule> rows = HelperProtocol.rows(List.of(
                "R ks3 10.128.0.6 100.64.3.10/tcp/102 120 4096",
                "R ks3 10.128.0.6 100.64.3.20/tcp/8000-8010 0 0",
                "R ks3 10.128.0.6 100.64.3.20/icmp 84 84",
                "OK 3"));
        assertThat(rows).extracting(Firewall.CountedRule::rule).containsExactly(PLC, HMI, PING);
        assertThat(rows.get(0).bytes()).isEqualTo(new Firewall.Counted(120, 4096));
    }

    @Test
    @DisplayName("an ERR, a closed connection, a foreign or malformed line are errors that say what happened")
    void refusals() {
        assertThat(assertThrows(FirewallException.class, () -> HelperProtocol.ok("ERR dev is ks<digits>")).getMessage())
                .isEqualTo("the firewall helper refused: dev is ks<digits>");
        assertThrows(FirewallException.class, () -> HelperProtocol.ok(null));
        assertThrows(FirewallException.class, () -> HelperProtocol.ok("HELLO"));
        assertThrows(FirewallException.class, () -> HelperProtocol.removed("OK 2"));
        assertThrows(FirewallException.class, () -> HelperProtocol.rows(List.of("R ks3 10.128.0.6 100.64.3.10/tcp/0 1 1", "OK 1")));
        assertThrows(FirewallException.class, () -> HelperProtocol.rows(List.of("R eth0 10.128.0.6 100.64.3.10/tcp/102 1 1", "OK 1")));
    }
}
