package io.keyswitch.connection;

import java.time.Instant;

/**
 * A CDI event: a live connection was closed (fired inside the closing transaction, once per connection, also for those
 * closed at a restart), e.g. for the technician's work report to be asked for. {@code openedAt} is null for a connection
 * that never opened (it reached nothing).
 */
public record ConnectionClosed(long accountId, long connectionId, Long userId, String userName, Long deviceId,
                               String deviceName, String orderNumber, Instant openedAt, Instant closedAt) {

    public static ConnectionClosed of(Connection c) {
        return new ConnectionClosed(c.getAccountId(), c.getId(), c.getUserId(), c.getUserName(), c.getDeviceId(),
                c.getDeviceName(), c.getOrderNumber(), c.getOpenedAt(), c.getClosedAt());
    }
}
