-- Reports (issue 16): when each device went online and offline, per channel, for the devices report's online
-- history. REPORT: its HTTPS reports (online at the first report after a silence; offline at the moment the last
-- report became older than the report interval × the intervals after which a device is offline). TUNNEL: its OpenVPN
-- tunnel (up; down with the session's byte counts in bytes_in/bytes_out). A device is online while either channel is.
-- Only changes are written — a few rows per device and day, never one per report — keyed by (device, time, channel)
-- so that one device's history is one range of the clustered index (the report reads a page of devices' ranges) and
-- the rows go with their device.
CREATE TABLE device_presence_change (
    device_id  BIGINT      NOT NULL,
    at         DATETIME(3) NOT NULL,
    channel    VARCHAR(8)  NOT NULL,
    online     BOOLEAN     NOT NULL,
    account_id BIGINT      NOT NULL,
    bytes_in   BIGINT      NULL,
    bytes_out  BIGINT      NULL,
    PRIMARY KEY (device_id, at, channel),
    CONSTRAINT fk_device_presence_change_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The devices report reads an account's devices newest first, a page at a time (id < the last one read): this key
-- serves that order directly instead of sorting the account's devices for every page.
ALTER TABLE device ADD KEY ix_device_account_id (account_id, id);
