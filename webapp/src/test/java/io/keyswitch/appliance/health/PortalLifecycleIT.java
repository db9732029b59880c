package io.keyswitch.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The portal's start and its orderly stop, in the appliance's audit trail (the system protocol): a real Payara Micro
 * process, stopped as {@code systemctl stop} stops it (SIGTERM).
 */
@DisplayName("The portal records its start and its orderly stop")
class PortalLifecycleIT {

    private PortalProcess portal;

    @AfterEach
    void stopped() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    @DisplayName("portal.start once it serves, portal.stop after SIGTERM, both by the system in the appliance's chain, in that order")
    void startAndStopAreRecorded() throws Exception {
        // Arrange
        DatabaseCoordinates database = Databases.fresh("keyswitch_lifecycle");
        Path home = TestDirs.fresh("portal-lifecycle");
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, database,
                "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }), Map.of());
        portal.awaitReady(Duration.ofMinutes(5));
        String events = "SELECT GROUP_CONCAT(CONCAT(action, ' ', outcome, ' ', actor) ORDER BY id SEPARATOR ' | ')"
                + " FROM audit_event WHERE chain_key = 0 AND action LIKE 'portal.%'";
        String afterStart = Fixtures.string(database, events);

        // Act: stopped as systemd stops it
        portal.close();
        portal = null;

        // Assert
        assertThat(afterStart).isEqualTo("portal.start SUCCESS system");
        assertThat(Fixtures.string(database, events)).isEqualTo("portal.start SUCCESS system | portal.stop SUCCESS system");
    }
}
