package io.keyswitch.vpn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The appliance's check of an account's OpenVPN config, run as root before OpenVPN starts
 * ({@code appliance/rootfs/usr/local/sbin/keyswitch-openvpn-check}, POSIX sh): what {@link ServerConfigGenerator}
 * writes passes, and anything that could make the root process load code or keep root is refused.
 */
@DisplayName("The appliance's check of the OpenVPN config the portal writes")
class OpenVpnConfigCheckTest {

    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve(
            "../appliance/rootfs/usr/local/sbin/keyswitch-openvpn-check").normalize();
    private static final String INSTANCE = "acct-12";

    @TempDir
    Path tmp;
    private Path configDir;
    private Path socketDir;
    private Path copy;
    private String generated;

    /** What the script did: exit code, what it said on stderr and stdout. */
    private record Run(int exit, String stderr, String stdout) {
    }

    @BeforeEach
    void arrange() throws IOException {
        configDir = Files.createDirectories(tmp.resolve("etc/openvpn/server"));
        socketDir = Files.createDirectories(tmp.resolve("run/keyswitch/openvpn"));
        copy = Files.createDirectories(tmp.resolve("run/keyswitch-openvpn")).resolve("server.conf");
        generated = generate("tun");
    }

    private String generate(String device) {
        Path dir = configDir.resolve(INSTANCE);
        return new ServerConfigGenerator().generate(new InstanceSettings(INSTANCE, 1194, Ipv4Network.parse("10.128.0.0/17"),
                Ipv4Network.parse("100.64.0.0/16"), dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("tls-crypt.key"), dir.resolve("crl.pem"), socketDir.resolve(INSTANCE + ".sock"), 21000, "nobody",
                "nogroup", device));
    }

    private Run check(String config) throws Exception {
        Files.writeString(configDir.resolve(INSTANCE + ".conf"), config, StandardCharsets.ISO_8859_1);
        return run();
    }

    private Run run() throws Exception {
        Process p = new ProcessBuilder("sh", SCRIPT.toString(), INSTANCE, copy.toString(), configDir.toString(), socketDir.toString())
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), err, out);
    }

    @Test
    @DisplayName("the generator's config passes, and OpenVPN gets a copy only its owner can read or change")
    void generatedConfigPasses() throws Exception {
        Run run = check(generated);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(Files.readString(copy)).isEqualTo(generated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(run.stdout()).contains(generated.lines().count() + " lines checked");
    }

    @Test
    @DisplayName("the account's own tun device passes (dev ks<id> with dev-type tun, up to the kernel's 15 characters)")
    void ownTunDevice() throws Exception {
        for (long accountId : new long[] {12, 9_999_999_999_999L}) {
            String config = generate(InstanceSettings.accountDevice(accountId));
            assertThat(config).contains("dev ks" + accountId + "\n");

            Run run = check(config);

            assertThat(run.exit()).as(run.stderr()).isZero();
        }
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
        "plugin /usr/lib/x86_64-linux-gnu/openvpn/plugins/openvpn-plugin-down-root.so \"/bin/sh -c id>/root/pwned\"",
        "plugin /dev/shm/evil.so",
        "--plugin /dev/shm/evil.so",
        " plugin /dev/shm/evil.so",
        "script-security 2",
        "up /bin/sh",
        "config /var/lib/keyswitch/more.conf",
        "iproute /dev/shm/ip",
        "log /etc/shadow",
        "tmp-dir /dev/shm",
        "daemon",
        "chroot /var/lib/keyswitch",
        "user root",
        "group root",
        "management 127.0.0.1 7505",
        "management /tmp/other.sock unix",
        "ca /etc/ssl/private/ca.crt",
        "dev tun0",
        "dev ks12x",
        "<ca>",
        "setenv FOO bar",
        "client-to-client",
        "verb 11",
        "keepalive 10 60 ",
        "port 1194 # comment"})
    void refused(String line) throws Exception {
        List<String> lines = new ArrayList<>(generated.lines().toList());
        lines.add(10, line);

        Run run = check(String.join("\n", lines) + "\n");

        assertThat(run.exit()).as("exit code; stderr: " + run.stderr()).isEqualTo(1);
        assertThat(copy).doesNotExist();
        assertThat(run.stderr()).contains("refused").contains("line 11");
        assertThat(run.stderr()).as("never the line itself in the journal").doesNotContain("/bin/sh", "/dev/shm", "shadow");
    }

    @Test
    @DisplayName("a tab, a carriage return or a NUL anywhere is refused")
    void unprintableBytes() throws Exception {
        for (String bad : List.of(generated.replace("proto udp", "proto\tudp"), generated.replace("\n", "\r\n"),
                generated + "verb 3\u0000plugin x\n")) {
            Run run = check(bad);

            assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
            assertThat(run.stderr()).contains("not printable ASCII");
        }
    }

    @Test
    @DisplayName("a config that is a link, empty, or over 64 KiB is refused, and a bad instance name too")
    void notAPlainConfig() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), generated);
        Files.createSymbolicLink(configDir.resolve(INSTANCE + ".conf"), secret);
        Run link = run();
        Files.delete(configDir.resolve(INSTANCE + ".conf"));
        Run empty = check("");
        Run big = check(generated + ("# " + "x".repeat(100) + "\n").repeat(700));

        assertThat(link.exit()).isEqualTo(1);
        assertThat(link.stderr()).contains("symbolic link");
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(big.exit()).isEqualTo(1);
        assertThat(big.stderr()).contains("larger than 65536 bytes");
        Process p = new ProcessBuilder("sh", SCRIPT.toString(), "../acct-1", copy.toString(), configDir.toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(copy).doesNotExist();
    }
}
