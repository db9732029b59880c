package io.keyswitch.setup.internal;

import io.keyswitch.setup.HttpsListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
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
 * within a second or two; open connections are closed, new ones get the new certificate.</li>
 * </ol>
 * Run it outside of any request on the HTTPS listener: the restart waits for that listener's threads.
 */
@ApplicationScoped
public class PayaraHttpsListener implements HttpsListener {

    /** The protocol of the HTTPS listener Payara Micro makes for {@code --sslport}. */
    public static final String PROTOCOL = "https-listener";

    private static final Logger LOG = Logger.getLogger(PayaraHttpsListener.class.getName());
    private static final String SSL = "configs.config.server-config.network-config.protocols.protocol." + PROTOCOL + ".ssl.";

    @Override
    public void reload(Path keystore) {
        Object runner = commandRunner();
        run(runner, "set", SSL + "key-store=" + keystore.toAbsolutePath(),
                SSL + "key-store-password=${javax.net.ssl.keyStorePassword}");
        run(runner, "restart-http-listeners");
        LOG.info(() -> "HTTPS listener restarted with the key store " + keystore);
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

    private static void run(Object runner, String command, String... args) {
        try {
            Class<?> runnerType = Class.forName("org.glassfish.embeddable.CommandRunner");
            Class<?> resultType = Class.forName("org.glassfish.embeddable.CommandResult");
            Object result = runnerType.getMethod("run", String.class, String[].class).invoke(runner, command, args);
            String status = String.valueOf(resultType.getMethod("getExitStatus").invoke(result));
            if (!"SUCCESS".equals(status)) {
                Object output = resultType.getMethod("getOutput").invoke(result);
                throw new IllegalStateException("Payara's " + command + " answered " + status + ": " + output);
            }
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("not running on Payara", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Payara's " + command + " failed: " + e.getCause(), e.getCause());
        }
    }
}
