package io.keyswitch.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.device.DeviceCsv.Parsed;
import io.keyswitch.device.DeviceCsv.RowError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The device import file")
class DeviceCsvTest {

    private static Parsed parse(String text) throws IOException {
        return DeviceCsv.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("the downloadable template imports as it is: two devices, two components")
    void templateIsValid() throws IOException {
        Parsed p = parse(DeviceCsv.TEMPLATE);

        assertThat(p.errors()).isEmpty();
        assertThat(p.devices()).extracting(DeviceCsv.CsvDevice::name).containsExactly("press-17", "robot-4");
        assertThat(p.devices().get(0).components()).extracting(DeviceCsv.CsvComponent::name, DeviceCsv.CsvComponent::services,
                DeviceCsv.CsvComponent::web2go).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plc", "tcp/102, tcp/502", false),
                org.assertj.core.groups.Tuple.tuple("hmi", "tcp/80, tcp/443", true));
        assertThat(p.devices().get(0).project()).isEqualTo("Line 3");
        assertThat(p.devices().get(1).components()).isEmpty();
        assertThat(p.components()).isEqualTo(2);
    }

    @Test
    @DisplayName("Excel's semicolons and a UTF-8 byte order mark are understood")
    void semicolonsAndBom() throws IOException {
        Parsed p = parse("\uFEFFDevice;LAN subnet;Component;Component IP;Services\r\n"
                + "mühle-1;192.168.1.0/24;plc;192.168.1.5;tcp/102\r\n");

        assertThat(p.errors()).isEmpty();
        assertThat(p.devices()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("mühle-1");
            assertThat(d.components()).singleElement().extracting(DeviceCsv.CsvComponent::ip).isEqualTo("192.168.1.5");
        });
    }

    @Test
    @DisplayName("every bad line is named with its number and what is wrong with it")
    void badLinesAreNamed() throws IOException {
        Parsed p = parse("""
                device,lan_subnet,component,component_ip,services,web2go
                a,192.168.0.0/24,plc,192.168.0.10,tcp/102,no
                a,192.168.0.0/24,plc,192.168.0.11,tcp/102,no
                b,192.168.0.0/33,plc,192.168.0.10,tcp/102,no
                c,10.0.0.0/24,hmi,10.0.1.7,tcp/80,no
                d,10.0.0.0/24,hmi,10.0.0.7,http,maybe
                ,10.0.0.0/24,,,,
                a,10.1.0.0/24,hmi,10.1.0.3,tcp/80,no
                """);

        assertThat(p.errors()).extracting(RowError::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 8L);
        assertThat(p.errors().get(0).message()).contains("already has a component named 'plc'");
        assertThat(p.errors().get(1).message()).contains("Device 'b'");
        assertThat(p.errors().get(2).message()).contains("10.0.1.7 is not a host address in the device's LAN 10.0.0.0/24");
        assertThat(p.errors().get(3).message()).contains("'http' is not protocol/port").contains("web2go must be yes or no");
        assertThat(p.errors().get(4).message()).isEqualTo("The device name is empty.");
        assertThat(p.errors().get(5).message()).contains("lan_subnet '10.1.0.0/24' differs from line 2");
    }

    @Test
    @DisplayName("a file without the required columns or without rows is refused as a whole")
    void wrongFiles() throws IOException {
        assertThat(parse("name,subnet\nx,10.0.0.0/24\n").errors()).extracting(RowError::message)
                .anyMatch(m -> m.contains("Unknown column 'name'"))
                .anyMatch(m -> m.contains("The column 'device' is missing"));
        assertThat(parse("device,lan_subnet\n").errors()).extracting(RowError::message)
                .containsExactly("The file has a header but no devices.");
    }

    @Test
    @DisplayName("names the database takes as one (case, compatibility forms) are one name in the file too; emoji are not")
    void namesCompareByTheirKeys() throws IOException {
        Parsed p = parse("""
                device,lan_subnet,component,component_ip,services
                press-dup,10.0.0.0/24,plc,10.0.0.5,tcp/102
                PRESS-DUP,10.0.1.0/24,,,
                cam \uD83D\uDE00,10.0.2.0/24,hmi,10.0.2.5,tcp/80
                cam \uD83D\uDE01,10.0.3.0/24,hmi,10.0.3.5,tcp/80
                cam \uD83D\uDE01,10.0.3.0/24,HMI,10.0.3.6,tcp/80
                """);

        assertThat(p.errors()).extracting(RowError::line).containsExactly(3L, 6L);
        assertThat(p.errors().get(0).message()).contains("the same name as 'press-dup' on line 2");
        assertThat(p.errors().get(1).message()).contains("already has a component named 'HMI'");
        assertThat(p.devices()).extracting(DeviceCsv.CsvDevice::name).containsExactly("press-dup", "cam \uD83D\uDE00", "cam \uD83D\uDE01");
    }

    @Test
    @DisplayName("bytes that are not UTF-8 are a problem on their line, and nothing of the file is taken (they became U+FFFD)")
    void notUtf8() {
        byte[] file = java.util.HexFormat.of().parseHex("6465766963652C6C616E5F7375626E65740D0A"  // device,lan_subnet
                + "6F6B2C31302E302E302E302F32340D0A"                                            // ok,10.0.0.0/24
                + "6D75C0AF686C652C31302E312E302E302F32340D0A");                                // mu<C0 AF>hle,10.1.0.0/24

        Parsed p = DeviceCsv.parse(file);

        assertThat(p.devices()).isEmpty();
        assertThat(p.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).startsWith("The file is not UTF-8 on this line (byte 38)");
        });
    }

    @Test
    @DisplayName("control characters are refused in one-line columns, even at either end; descriptions may have line breaks")
    void controlCharacters() throws IOException {
        Parsed p = parse("device,serial_number,lan_subnet,description,component,component_ip,services\r\n"
                + "bell\u0007,,10.0.0.0/24,,,,\r\n"
                + "esc,\u001b[2J,10.1.0.0/24,,,,\r\n"
                + "tab,SN-1,10.2.0.0/24,,plc\t,10.2.0.5,tcp/102\r\n"
                + "ok,SN-2,10.3.0.0/24,\"line 1\nline 2\",plc,10.3.0.5,tcp/102\r\n"
                + "\"two\nlines\",,10.4.0.0/24,,,,\r\n");

        // a record over several lines (a quoted line break) is named by its last line
        assertThat(p.errors()).extracting(RowError::line).containsExactly(2L, 3L, 4L, 8L);
        assertThat(p.errors().get(0).message()).isEqualTo("The device name contains a control character (U+0007); it must be one"
                + " line of text.");
        assertThat(p.errors().get(1).message()).contains("the serial number contains a control character (U+001B)");
        assertThat(p.errors().get(2).message()).contains("component 'plc\t'").contains("control character (U+0009)");
        assertThat(p.errors().get(3).message()).contains("control character (U+000A)");
        assertThat(p.devices()).filteredOn(d -> d.name().equals("ok")).singleElement()
                .extracting(DeviceCsv.CsvDevice::description).isEqualTo("line 1\nline 2");
    }
}
