-- Device reports (issue 14, first slice): routers report data points over HTTPS without a tunnel.

-- Whether a device's router should hold its VPN tunnel always (as before this change) or dial it only when a
-- device report's answer says a technician wants it ("on demand").
ALTER TABLE device ADD COLUMN tunnel_mode VARCHAR(16) NOT NULL DEFAULT 'ALWAYS';

-- One row per device that ever reported: when the last report came, from where, and how many were taken.
-- Written with one upsert per report; the device list reads it for a page of devices in one query.
CREATE TABLE device_report (
    device_id      BIGINT      NOT NULL,
    account_id     BIGINT      NOT NULL,
    last_report_at DATETIME(3) NOT NULL,
    last_address   VARCHAR(45) NULL,
    reports        BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id),
    KEY ix_device_report_account (account_id),
    CONSTRAINT fk_device_report_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A value a device reports (in1, in2, usb, signal, wan, uptime, or a named machine value): its type and unit, its
-- current value and time (last_*), and the last value written to data_point_value (stored_*), which the dead band
-- and the sample interval compare with. Numbers and booleans (0/1) are in *_number, text in *_text.
-- Names are case-sensitive (utf8mb4_bin): "Temp" and "temp" are two points.
CREATE TABLE data_point (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    account_id    BIGINT       NOT NULL,
    device_id     BIGINT       NOT NULL,
    name          VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    kind          VARCHAR(8)   NOT NULL,
    unit          VARCHAR(16)  NULL,
    last_number   DOUBLE       NULL,
    last_text     VARCHAR(255) NULL,
    last_at       DATETIME(3)  NOT NULL,
    stored_number DOUBLE       NULL,
    stored_text   VARCHAR(255) NULL,
    stored_at     DATETIME(3)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_data_point_device_name UNIQUE (device_id, name),
    KEY ix_data_point_account (account_id),
    CONSTRAINT fk_data_point_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The raw history: a value when it changed (beyond the dead band for numbers) or when the last stored one is older
-- than the sample interval. Keyed by (data point, time), so one point's history is one contiguous range of the
-- clustered index: appends go to the end of each point's range, a chart reads one range, and deleting old rows
-- later (retention) is a range delete per point.
CREATE TABLE data_point_value (
    data_point_id BIGINT       NOT NULL,
    at            DATETIME(3)  NOT NULL,
    number_value  DOUBLE       NULL,
    text_value    VARCHAR(255) NULL,
    PRIMARY KEY (data_point_id, at),
    CONSTRAINT fk_data_point_value_point FOREIGN KEY (data_point_id) REFERENCES data_point (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
