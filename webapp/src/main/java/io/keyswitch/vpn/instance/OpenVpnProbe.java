package io.keyswitch.vpn.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Finds out whether an {@code openvpn} binary is there and runs: {@code openvpn --version}, with a time limit. */
public final class OpenVpnProbe {

    private OpenVpnProbe() {
    }

    /** Looks the binary up on PATH, then in /usr/sbin and /sbin (not on an unprivileged user's PATH on Debian). */
    public static Path locate() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "openvpn");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static VpnAvailability probe(Path binary) {
        if (binary == null || !Files.isExecutable(binary)) {
            return VpnAvailability.unavailable("openvpn is not installed");
        }
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return VpnAvailability.unavailable("openvpn --version did not answer");
            }
            String first = output.lines().findFirst().orElse("");
            // openvpn --version exits with 1 on 2.x; what matters is that it identifies itself.
            return first.startsWith("OpenVPN ")
                    ? VpnAvailability.available(first)
                    : VpnAvailability.unavailable("openvpn did not identify itself");
        } catch (IOException e) {
            return VpnAvailability.unavailable("openvpn could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return VpnAvailability.unavailable("interrupted");
        }
    }
}
