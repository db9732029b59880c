package io.keyswitch.vpn.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs instances as Debian's {@code openvpn-server@<name>} units (config in {@code /etc/openvpn/server/<name>.conf}),
 * for the appliance. The portal is unprivileged, so {@code systemctl} is reached through a prefix the appliance
 * allows (e.g. {@code sudo -n} with a rule for exactly these units, or the root helper).
 */
public final class SystemdInstanceSupervisor implements InstanceSupervisor {

    private static final long TIMEOUT_SECONDS = 30;

    private final Path openvpn;
    private final List<String> systemctl;

    /** @param systemctl the command that runs systemctl, e.g. {@code [systemctl]} or {@code [sudo, -n, systemctl]} */
    public SystemdInstanceSupervisor(Path openvpn, List<String> systemctl) {
        this.openvpn = openvpn;
        this.systemctl = List.copyOf(systemctl);
    }

    @Override
    public VpnAvailability availability() {
        return OpenVpnProbe.probe(openvpn);
    }

    @Override
    public void start(String instance) throws IOException {
        require(run("start", instance), "start", instance);
    }

    @Override
    public void stop(String instance) throws IOException {
        require(run("stop", instance), "stop", instance);
    }

    @Override
    public void restart(String instance) throws IOException {
        require(run("restart", instance), "restart", instance);
    }

    @Override
    public boolean isRunning(String instance) throws IOException {
        return run("is-active", instance) == 0;
    }

    static String unit(String instance) {
        return "openvpn-server@" + InstanceNames.require(instance) + ".service";
    }

    /** The command line for one action: prefix, action, {@code --quiet}, the unit. */
    List<String> command(String action, String instance) {
        List<String> command = new ArrayList<>(systemctl);
        command.addAll(List.of(action, "--quiet", unit(instance)));
        return command;
    }

    private int run(String action, String instance) throws IOException {
        // output to a file, read after the exit: a systemctl that hangs cannot block us past the timeout
        java.nio.file.Path out = java.nio.file.Files.createTempFile("keyswitch-systemctl", ".txt");
        Process process = new ProcessBuilder(command(action, instance)).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("systemctl " + action + " " + unit(instance) + " timed out");
            }
            String output;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(out)) {
                output = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (process.exitValue() != 0 && !action.equals("is-active")) {
                throw new IOException("systemctl " + action + " " + unit(instance) + " failed: " + output.strip());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }

    private static void require(int exit, String action, String instance) throws IOException {
        if (exit != 0) {
            throw new IOException("systemctl " + action + " " + unit(instance) + " exited " + exit);
        }
    }
}
