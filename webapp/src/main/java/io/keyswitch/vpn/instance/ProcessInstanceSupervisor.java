package io.keyswitch.vpn.instance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs each instance as a child process, {@code openvpn --config <absolute path>}, for development and tests.
 * A launcher prefix (e.g. {@code ip netns exec <ns>}) may come before it. Output goes to a log file per instance.
 * An instance that outlived an earlier portal (not a child of this one) is found by its command line, so it can be
 * stopped and seen running as with systemd.
 */
public final class ProcessInstanceSupervisor implements InstanceSupervisor {

    private static final Logger LOG = Logger.getLogger(ProcessInstanceSupervisor.class.getName());

    private final Path binary;
    private final List<String> launcher;
    private final Function<String, Path> configOf;
    private final Function<String, Path> logOf;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    public ProcessInstanceSupervisor(Path binary, List<String> launcher, Function<String, Path> configOf,
                                     Function<String, Path> logOf) {
        this.binary = binary;
        this.launcher = List.copyOf(launcher);
        this.configOf = configOf;
        this.logOf = logOf;
    }

    @Override
    public VpnAvailability availability() {
        return OpenVpnProbe.probe(binary);
    }

    @Override
    public synchronized void start(String instance) throws IOException {
        InstanceNames.require(instance);
        if (isRunning(instance)) {
            return;
        }
        Path config = configOf.apply(instance);
        if (!config.isAbsolute()) {
            throw new IllegalArgumentException("config path must be absolute: " + config);
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(binary.toString(), "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf.apply(instance).toFile())).start();
        processes.put(instance, process);
        LOG.info(() -> "OpenVPN instance " + instance + " started, pid " + process.pid());
    }

    @Override
    public synchronized void stop(String instance) throws IOException {
        Process process = processes.remove(InstanceNames.require(instance));
        ProcessHandle handle = process != null ? process.toHandle() : earlier(instance).orElse(null);
        if (handle == null) {
            return;
        }
        handle.destroy();
        try {
            if (!awaitExit(handle, 5)) {
                handle.destroyForcibly();
                awaitExit(handle, 5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping " + instance, e);
        }
        LOG.info(() -> "OpenVPN instance " + instance + " stopped");
    }

    @Override
    public boolean isRunning(String instance) {
        Process process = processes.get(InstanceNames.require(instance));
        return process != null ? process.isAlive() : earlier(instance).isPresent();
    }

    /** An instance started by an earlier portal: the live process whose command line is this instance's. */
    private java.util.Optional<ProcessHandle> earlier(String instance) {
        String config = "--config " + configOf.apply(instance);
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.endsWith(config)).orElse(false)).findFirst();
    }

    private static boolean awaitExit(ProcessHandle handle, int seconds) throws InterruptedException {
        try {
            handle.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !handle.isAlive();
        }
    }

    /** The process id, for tests that must kill exactly what they started. */
    public long pid(String instance) {
        Process process = processes.get(InstanceNames.require(instance));
        return process == null ? -1 : process.pid();
    }
}
