package io.keyswitch.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Address ranges (CIDR)")
class AddressRangeTest {

    @DisplayName("contain exactly the addresses of their prefix")
    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8,        10.255.1.2,              true",
        "10.0.0.0/8,        11.0.0.0,                false",
        "192.168.1.128/25,  192.168.1.200,           true",
        "192.168.1.128/25,  192.168.1.127,           false",
        "192.0.2.7,         192.0.2.7,               true",
        "192.0.2.7,         192.0.2.8,               false",
        "0.0.0.0/0,         203.0.113.9,             true",
        "2001:db8::/32,     2001:db8:ffff::1,        true",
        "2001:db8::/32,     2001:db9::1,             false",
        "fe80::/10,         febf::1,                 true",
        "fe80::/10,         fec0::1,                 false",
        "::1,               ::1,                     true",
        "10.0.0.0/8,        ::ffff:10.1.2.3,         true",
        "::/0,              10.0.0.1,                false",
    })
    void contains(String range, String address, boolean expected) {
        assertEquals(expected, AddressRange.parse(range).contains(IpAddresses.parse(address)));
    }

    @Test
    @DisplayName("ignore host bits after the prefix and print as CIDR")
    void normalizes() {
        assertEquals("10.0.0.0/8", AddressRange.parse("10.1.2.3/8").toString());
        assertEquals(AddressRange.parse("10.0.0.0/8"), AddressRange.parse(" 10.9.9.9/8 "));
        assertTrue(AddressRange.parse("[2001:db8::1]/64").contains(IpAddresses.parse("2001:db8::ffff")));
    }

    @DisplayName("refuse what is not CIDR, without asking DNS")
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "localhost", "example.com/24",
        "256.1.1.1", "1.2.3", "1.2.3.4:80", "abc", "1:2"})
    void refusesGarbage(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
    }

    @Test
    @DisplayName("drop an IPv6 zone id")
    void dropsZone() {
        assertFalse(AddressRange.parse("fe80::/10").contains(IpAddresses.parse("10.0.0.1")));
        assertTrue(AddressRange.parse("fe80::/10").contains(IpAddresses.parse("fe80::1%eth0")));
    }
}
