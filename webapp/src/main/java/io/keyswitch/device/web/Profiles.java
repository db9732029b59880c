package io.keyswitch.device.web;

import io.keyswitch.platform.web.Downloads;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.vpn.DeviceVpnStatus;
import org.primefaces.model.StreamedContent;

/** Shared by the device pages: a profile as a one-time download, and live status as words. */
final class Profiles {

    private Profiles() {
    }

    /** The .ovpn as a one-time download. */
    static StreamedContent download(String fileName, String text) {
        return Downloads.once(fileName, text, "application/x-openvpn-profile");
    }

    static String liveText(DeviceVpnStatus s) {
        if (s == null) {
            return "never connected";
        }
        return (s.isOnline() ? "online since " : "offline since ") + Formats.timeOf(s.getSince());
    }
}
