package io.keyswitch.vpn.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Chooses the supervisor at start-up: setting {@code keyswitch.vpn.supervisor} = {@code systemd} (the appliance; the
 * default where {@link #systemdRunning() systemd runs}) or {@code process} (development; the default elsewhere);
 * whichever is chosen, a missing {@code openvpn} gives the {@link UnavailableInstanceSupervisor}, and the choice is
 * logged.
 */
public final class InstanceSupervisors {

    private static final Logger LOG = Logger.getLogger(InstanceSupervisors.class.getName());

    private static final Path SYSTEMD_RUNTIME = Path.of("/run/systemd/system");

    private InstanceSupervisors() {
    }

    /** Whether systemd is this machine's service manager (the check {@code sd_booted(3)} makes). */
    public static boolean systemdRunning() {
        return Files.isDirectory(SYSTEMD_RUNTIME);
    }

    public static InstanceSupervisor choose(String kind, Path configDirectory, Path logDirectory, List<String> systemctl) {
        return choose(kind, configDirectory, logDirectory, systemctl, List.of());
    }

    /**
     * As above; {@code processLauncher} comes before {@code openvpn} in the {@code process} kind (e.g.
     * {@code ip netns exec <ns>} in the system tier, so the server binds only in a namespace the test made).
     */
    public static InstanceSupervisor choose(String kind, Path configDirectory, Path logDirectory, List<String> systemctl,
                                            List<String> processLauncher) {
        Path openvpn = OpenVpnProbe.locate();
        VpnAvailability availability = OpenVpnProbe.probe(openvpn);
        InstanceSupervisor chosen;
        if (!availability.available()) {
            chosen = new UnavailableInstanceSupervisor(availability.detail());
        } else if ("process".equals(kind)) {
            chosen = new ProcessInstanceSupervisor(openvpn, processLauncher,
                    name -> configDirectory.toAbsolutePath().resolve(name + ".conf"),
                    name -> logDirectory.toAbsolutePath().resolve(name + ".log"));
        } else if (systemdRunning()) {
            chosen = new SystemdInstanceSupervisor(openvpn, systemctl);
        } else {
            chosen = new UnavailableInstanceSupervisor("systemd is not running; set keyswitch.vpn.supervisor=process");
        }
        LOG.info(() -> "VPN instances: " + chosen.getClass().getSimpleName() + " (" + chosen.availability().detail() + ")");
        return chosen;
    }
}
