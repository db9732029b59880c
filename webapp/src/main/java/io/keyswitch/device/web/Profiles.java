package io.keyswitch.device.web;

import io.keyswitch.vpn.DeviceVpnStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** Shared by the device pages: a profile as a one-time download, and live status as words. */
final class Profiles {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Profiles() {
    }

    /** The .ovpn as a download; an empty file named "expired.txt" when it was downloaded already. */
    static StreamedContent download(String fileName, String text) {
        byte[] bytes = (text == null ? "This profile was downloaded already. Make a new one.\n" : text)
                .getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name(text == null ? "expired.txt" : fileName)
                .contentType(text == null ? "text/plain" : "application/x-openvpn-profile")
                .contentLength((long) bytes.length).stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    static String liveText(DeviceVpnStatus s) {
        if (s == null) {
            return "never connected";
        }
        return (s.isOnline() ? "online since " : "offline since ") + TIME.format(s.getSince());
    }

    static String time(java.time.Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** 1,234,567 B → "1.2 MB". */
    static String bytes(long n) {
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
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
