package io.keyswitch.setup.internal;

import io.keyswitch.setup.HttpsListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * Payara Micro's HTTPS listener, reloaded through the server's own admin command runner (HK2's
 * {@code org.glassfish.embeddable.CommandRunner}, reached by reflection so the WAR does not depend on
 * Payara's internals at compile time):
 * <ol>
 * <li>{@code set ...protocol.https-listener.ssl.key-store=<file>} and {@code key-store-password=${javax.net.ssl.keyStorePassword}}:
 * with its own key store the listener reads the file whenever it starts (measured on Payara Micro
 * 6.2025.10: with only the JVM-wide {@code javax.net.ssl.keyStore} it keeps the key store it read at
 * boot, even across a listener restart). The password stays a reference to the system property, so
 * Payara's {@code domain.xml} holds no secret.</li>
 * <li>{@code restart-http-listeners}: Grizzly closes and reopens the listeners (HTTP and HTTPS)
 * within a second or two; open connections are closed, new ones get the new certificate. Then the
 * HTTPS port is probed, and the restart repeated (three times at most) if it does not answer.</li>
 * </ol>
 * Run it outside of any request on the HTTPS listener: the restart waits for that listener's threads.
 */
@ApplicationScoped
public class PayaraHttpsListener implements HttpsListener {

    /** The protocol of the HTTPS listener Payara Micro makes for {@code --sslport}. */
    public static final String PROTOCOL = "https-listener";

    private static final Logger LOG = Logger.getLogger(PayaraHttpsListener.class.getName());
    private static final String SSL = "configs.config.server-config.network-config.protocols.protocol." + PROTOCOL + ".ssl.";
    private static final String LISTENER = "configs.config.server-config.network-config.network-listeners.network-listener."
            + PROTOCOL + ".";
    private static final Pattern VALUE = Pattern.compile("\\.(?:port|address)=(\\S+)");
    private static final int ATTEMPTS = 3;
    private static final long LISTEN_WAIT_MS = 15_000;

    @Override
    public void reload(Path keystore) {
        Object runner = commandRunner();
        run(runner, "set", SSL + "key-store=" + keystore.toAbsolutePath(),
                SSL + "key-store-password=${javax.net.ssl.keyStorePassword}");
        pause(1000); // the set may reconfigure the listener by itself; let that settle first
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String output = run(runner, "restart-http-listeners");
            if (listening(runner)) {
                int done = attempt;
                LOG.info(() -> "HTTP listeners restarted (attempt " + done + "), HTTPS with the key store " + keystore
                        + " (Payara: " + output.strip() + ")");
                return;
            }
            // Seen once in ~10 runs: the restart reported success but the HTTPS listener did not come back
            // (a restart racing the reconfiguration the set started). Another restart brings it back.
            LOG.warning("The HTTPS listener does not accept connections after restart " + attempt + "; restarting again");
        }
        throw new IllegalStateException("the HTTPS listener did not come back after " + ATTEMPTS + " restarts");
    }

    /** Whether the HTTPS listener accepts TCP connections within {@link #LISTEN_WAIT_MS}. */
    private static boolean listening(Object runner) {
        String port = value(run(runner, "get", LISTENER + "port"));
        String address = value(run(runner, "get", LISTENER + "address"));
        if (port == null) {
            return true; // cannot tell: trust the command
        }
        String host = address == null || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        long deadline = System.nanoTime() + LISTEN_WAIT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(port)), 1000);
                return true;
            } catch (IOException | NumberFormatException e) {
                pause(250);
            }
        }
        return false;
    }

    /** The value of a {@code get} answer ({@code dotted.name=value}), or null. */
    private static String value(String getOutput) {
        Matcher m = VALUE.matcher(getOutput);
        return m.find() ? m.group(1).strip() : null;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        try {
            commandRunner();
            return "the HTTPS listener reloads its key store when the certificate changes (Payara restart-http-listeners)";
        } catch (IllegalStateException e) {
            return "the HTTPS listener cannot be reloaded here (" + e.getMessage() + "): a new certificate takes effect at the next start";
        }
    }

    private static Object commandRunner() {
        try {
            Object locator = Class.forName("org.glassfish.internal.api.Globals").getMethod("getDefaultBaseServiceLocator").invoke(null);
            Class<?> runnerType = Class.forName("org.glassfish.embeddable.CommandRunner");
            Object runner = Class.forName("org.glassfish.hk2.api.ServiceLocator")
                    .getMethod("getService", Class.class, Annotation[].class).invoke(locator, runnerType, new Annotation[0]);
            if (runner == null) {
                throw new IllegalStateException("no admin command runner");
            }
            return runner;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("not running on Payara", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Payara's service locator failed: " + e.getCause(), e.getCause());
        }
    }

    private static String run(Object runner, String command, String... args) {
        try {
            Class<?> runnerType = Class.forName("org.glassfish.embeddable.CommandRunner");
            Class<?> resultType = Class.forName("org.glassfish.embeddable.CommandResult");
            Object result = runnerType.getMethod("run", String.class, String[].class).invoke(runner, command, args);
            String status = String.valueOf(resultType.getMethod("getExitStatus").invoke(result));
            String output = String.valueOf(resultType.getMethod("getOutput").invoke(result));
            if (!"SUCCESS".equals(status)) {
                throw new IllegalStateException("Payara's " + command + " answered " + status + ": " + output);
            }
            return output;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("not running on Payara", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Payara's " + command + " failed: " + e.getCause(), e.getCause());
        }
    }
}
