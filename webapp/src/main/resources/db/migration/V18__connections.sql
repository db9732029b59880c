-- Technician connections (issue 11): one technician's session to one device, from Connect to its end.
-- state: WAITING (asked for; the rules are not in place yet, e.g. the technician's VPN is not up),
-- OPEN (the firewall lets the technician's tunnel address reach the granted components), CLOSED.
-- user_name / device_name / account_name keep the record readable after the user or device is deleted.
-- technician_address: the technician's tunnel address the rules were written for (while OPEN and after).
-- bytes_*: what crossed the appliance's forward path through this connection's rules, counted by
-- nftables per rule (to_device: technician -> machine, from_device: machine -> technician).
-- last_activity_at: when the counters last grew (or the connection opened): the idle timeout's clock.
-- close_cause: the machine-readable reason (DISCONNECTED, ENDED, VPN_DOWN, IDLE, ...); closed_by: who
-- (a user's qualified name, or "system"); close_reason: the administrator's words for ENDED.
CREATE TABLE connection (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    account_id         BIGINT        NOT NULL,
    user_id            BIGINT        NULL,
    user_name          VARCHAR(200)  NOT NULL,
    device_id          BIGINT        NULL,
    device_name        VARCHAR(100)  NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    reason             VARCHAR(1000) NULL,
    order_number       VARCHAR(64)   NULL,
    source_address     VARCHAR(45)   NULL,
    requested_at       DATETIME(3)   NOT NULL,
    opened_at          DATETIME(3)   NULL,
    closed_at          DATETIME(3)   NULL,
    technician_address VARCHAR(15)   NULL,
    bytes_to_device    BIGINT        NOT NULL DEFAULT 0,
    bytes_from_device  BIGINT        NOT NULL DEFAULT 0,
    last_activity_at   DATETIME(3)   NULL,
    close_cause        VARCHAR(32)   NULL,
    closed_by          VARCHAR(200)  NULL,
    close_reason       VARCHAR(1000) NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    -- live connections of an account / of a user / to a device: the limits and the live lists
    KEY ix_connection_live (account_id, state, id),
    KEY ix_connection_user (user_id, state),
    KEY ix_connection_device (device_id, state),
    -- history: newest first, per account, per device, per user
    KEY ix_connection_history (account_id, requested_at),
    KEY ix_connection_state (state),
    CONSTRAINT fk_connection_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_connection_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL,
    CONSTRAINT fk_connection_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What a connection opened: each component with its virtual address and services as they were
-- when the rules were written (the record stays true after the component changes or goes).
CREATE TABLE connection_component (
    connection_id    BIGINT       NOT NULL,
    component_id     BIGINT       NOT NULL,
    component_name   VARCHAR(100) NOT NULL,
    real_address     VARCHAR(15)  NOT NULL,
    virtual_address  VARCHAR(15)  NOT NULL,
    services         VARCHAR(500) NOT NULL,
    PRIMARY KEY (connection_id, component_id),
    CONSTRAINT fk_connection_component_connection FOREIGN KEY (connection_id) REFERENCES connection (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row, locked while a Connect counts the connections open at once on the whole appliance, so
-- two Connects in different accounts cannot both take the last place.
CREATE TABLE connection_gate (
    id TINYINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO connection_gate (id) VALUES (1);

-- The account's rules for connections: reason required at Connect, the idle timeout, and how many
-- connections may be open at once (0 = no limit of the account's own; the appliance's still holds).
ALTER TABLE account_policy
    ADD COLUMN connection_reason_required BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN connection_idle_minutes    INT     NOT NULL DEFAULT 30,
    ADD COLUMN connections_per_account    INT     NOT NULL DEFAULT 0,
    ADD COLUMN connections_per_user       INT     NOT NULL DEFAULT 1,
    ADD COLUMN connections_per_device     INT     NOT NULL DEFAULT 1;

-- The two new rights go to the groups that manage users (the account's administrators by the
-- portal's own convention), so no existing administrator loses sight of connections.
INSERT IGNORE INTO group_right (group_id, permission)
    SELECT group_id, 'connection:view' FROM group_right WHERE permission = 'user:manage';
INSERT IGNORE INTO group_right (group_id, permission)
    SELECT group_id, 'connection:end' FROM group_right WHERE permission = 'user:manage';
