-- VPN (issue 5): the live status of each device that ever dialled in, written from the OpenVPN
-- management events (connect, disconnect, byte counts in batches, reconciliation).
-- online/since: connected and since when (or offline and since when); cid: OpenVPN's client id
-- on instance_name while online, to match byte counts and disconnects.
CREATE TABLE device_vpn_status (
    device_id      BIGINT      NOT NULL,
    account_id     BIGINT      NOT NULL,
    online         BOOLEAN     NOT NULL,
    since          DATETIME(3) NOT NULL,
    wan_address    VARCHAR(45) NULL,
    tunnel_address VARCHAR(15) NULL,
    bytes_in       BIGINT      NOT NULL DEFAULT 0,
    bytes_out      BIGINT      NOT NULL DEFAULT 0,
    last_seen      DATETIME(3) NULL,
    instance_name  VARCHAR(32) NULL,
    cid            BIGINT      NULL,
    PRIMARY KEY (device_id),
    KEY ix_device_vpn_status_instance (instance_name, cid),
    CONSTRAINT fk_device_vpn_status_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
