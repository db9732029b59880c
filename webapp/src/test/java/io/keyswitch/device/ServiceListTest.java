package io.keyswitch.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A component's allowed protocols and ports")
class ServiceListTest {

    @Test
    @DisplayName("reads tcp and udp ports and ranges, in any case and spacing, without duplicates")
    void reads() {
        ServiceList.Parsed parsed = ServiceList.parse("TCP/102,  tcp/502 , udp/161, tcp/8000-8010, tcp/102");

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.list()).hasToString("tcp/102, tcp/502, udp/161, tcp/8000-8010");
    }

    @Test
    @DisplayName("names every wrong item")
    void refuses() {
        ServiceList.Parsed parsed = ServiceList.parse("tcp/0, icmp/1, tcp/70000, tcp/90-80, 502");

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).containsExactly(
                "'tcp/0': ports are numbers from 1 to 65535.",
                "'icmp/1' is not protocol/port, such as tcp/502 or udp/161, or icmp.",
                "'tcp/70000': ports are numbers from 1 to 65535.",
                "'tcp/90-80': a range goes from the lower port to the higher.",
                "'502' is not protocol/port, such as tcp/502 or udp/161, or icmp.");
    }

    @Test
    @DisplayName("knows icmp, which has no port")
    void icmp() {
        ServiceList.Parsed parsed = ServiceList.parse("tcp/102, ICMP");

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.list()).hasToString("tcp/102, icmp");
        assertThat(parsed.list().services().get(1).icmp()).isTrue();
    }

    @Test
    @DisplayName("merges overlapping and touching ranges of one protocol, as a firewall's interval set must hold them")
    void merged() {
        ServiceList list = ServiceList.parse("tcp/80, udp/80, tcp/79-81, tcp/82, tcp/443, icmp, tcp/8000-8010, tcp/8005").list();

        assertThat(list.merged()).extracting(ServiceList.Service::toString)
                .containsExactly("icmp", "tcp/79-82", "tcp/443", "tcp/8000-8010", "udp/80");
    }

    @Test
    @DisplayName("needs at least one service")
    void empty() {
        assertThat(ServiceList.parse(" , ").errors()).containsExactly("Name at least one protocol and port, such as tcp/102.");
        assertThat(ServiceList.parse(null).ok()).isFalse();
    }
}
