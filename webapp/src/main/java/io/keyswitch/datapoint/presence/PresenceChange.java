package io.keyswitch.datapoint.presence;

import java.time.Instant;

/**
 * A device went online or offline on one channel at {@code at} (a row of {@code device_presence_change}).
 *
 * @param bytesIn  for a tunnel going down: the session's bytes from the device, as OpenVPN counted them; else null
 * @param bytesOut for a tunnel going down: the session's bytes to the device; else null
 */
public record PresenceChange(long accountId, long deviceId, Instant at, Channel channel, boolean online, Long bytesIn,
                             Long bytesOut) {

    public static PresenceChange of(long accountId, long deviceId, Instant at, Channel channel, boolean online) {
        return new PresenceChange(accountId, deviceId, at, channel, online, null, null);
    }
}
