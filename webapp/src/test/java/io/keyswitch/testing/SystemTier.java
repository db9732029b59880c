package io.keyswitch.testing;

import io.keyswitch.vpn.instance.OpenVpnProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the system-tier tests share: the tools they need (skipped with the reason printed, a failure under
 * {@code CI=true}), commands, and the processes they start in the network namespaces they made.
 */
public final class SystemTier {

    private SystemTier() {
    }

    /** Root, openvpn, ip, nft, /dev/net/tun and {@code extra} executables (absolute paths) — or the test is skipped. */
    public static void require(String... extra) {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root");
        }
        if (OpenVpnProbe.locate() == null) {
            missing.add("openvpn");
        }
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/nft")) {
            if (!Files.isExecutable(Path.of(tool)) && !Files.isExecutable(Path.of(tool.replace("/usr", "")))) {
                missing.add(tool);
            }
        }
        for (String tool : extra) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool);
            }
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun");
        }
        if (!missing.isEmpty()) {
            String reason = "system tier needs " + missing + " (apt-get install -y openvpn nftables iproute2 python3; run as root)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(reason);
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    /** Runs a command (30 s at most): "" when it succeeded, else its output (or an exception when {@code required}). */
    public static String run(boolean required, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (process.exitValue() == 0) {
            return "";
        }
        if (required) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output.isEmpty() ? "exit " + process.exitValue() : output;
    }

    /** Stops a process this test started: SIGTERM, after 5 s SIGKILL. */
    public static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The PIDs of the processes in a namespace this test made. */
    public static List<Long> pids(String namespace) throws IOException, InterruptedException {
        Process pids = new ProcessBuilder("ip", "netns", "pids", namespace).start();
        String output = new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pids.waitFor(10, TimeUnit.SECONDS);
        List<Long> found = new ArrayList<>();
        for (String pid : output.split("\\s+")) {
            if (pid.matches("\\d+")) {
                found.add(Long.parseLong(pid));
            }
        }
        return found;
    }

    /** Kills, by PID, whatever still runs in a namespace this test made (OpenVPN servers outlive the portal). */
    public static void killAll(String namespace) throws IOException, InterruptedException {
        for (long pid : pids(namespace)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
