package io.keyswitch.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How pages write times, byte counts and durations, the same everywhere; as {@code #{formats.time(...)}} in pages and
 * as static methods in views.
 */
@Named("formats")
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** {@code 2026-12-04 21:20:54 UTC}; empty for none. */
    public static String timeOf(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** 1,234,567 B → "1.2 MB". */
    public static String bytesOf(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** 3725 s → "1 h 2 min 5 s"; 42 s → "42 s". */
    public static String durationOf(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min " + s % 60 + " s";
    }

    public String time(Instant at) {
        return timeOf(at);
    }

    public String bytes(long n) {
        return bytesOf(n);
    }
}
