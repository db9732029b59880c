package io.keyswitch.appliance.health;

import java.util.Locale;

/**
 * The free space of one file system as the check sees it, and whether it is below the threshold.
 *
 * @param store what the file system is called ({@code /dev/sda1 (/)})
 * @param usable the bytes the portal may still write
 * @param total the file system's size in bytes
 */
record DiskSpace(String store, long usable, long total) {

    /** The free share in percent (0 for a file system of no size). */
    double freePercent() {
        return total <= 0 ? 0 : 100.0 * usable / total;
    }

    /** Whether less than {@code minFreePercent} is free. */
    boolean below(int minFreePercent) {
        return total > 0 && freePercent() < minFreePercent;
    }

    /** "/dev/sda1 (/): 1.2 GiB of 20.0 GiB free (6.0 %), below 10 %". */
    String words(int minFreePercent) {
        return String.format(Locale.ROOT, "%s: %s of %s free (%.1f %%), below %d %%", store, gib(usable), gib(total),
                freePercent(), minFreePercent);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
