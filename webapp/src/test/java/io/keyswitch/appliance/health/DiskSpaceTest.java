package io.keyswitch.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Free disk space against the threshold")
class DiskSpaceTest {

    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    @DisplayName("is low below the threshold only, and says how much is free of how much")
    void lowBelowTheThreshold() {
        DiskSpace nearlyFull = new DiskSpace("/dev/sda1 (/)", GIB + GIB / 5, 20 * GIB);
        DiskSpace exactly = new DiskSpace("/dev/sda1 (/)", 2 * GIB, 20 * GIB);

        assertThat(nearlyFull.below(10)).isTrue();
        assertThat(exactly.below(10)).as("10 % free is not below 10 %").isFalse();
        assertThat(nearlyFull.words(10)).isEqualTo("/dev/sda1 (/): 1.2 GiB of 20.0 GiB free (6.0 %), below 10 %");
    }

    @Test
    @DisplayName("never calls a file system of no size low (a pseudo file system)")
    void noSizeIsNotLow() {
        assertThat(new DiskSpace("proc", 0, 0).below(99)).isFalse();
    }
}
