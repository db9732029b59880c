-- SIEM forwarding (issue 16): syslog servers that receive every audit event as it is recorded.

-- A syslog server. account_id NULL: appliance-wide (system administrators; the events of every account and of the
-- appliance); else that account's own events only (its chain, chain_key = account_id), managed by its administrators.
-- transport: UDP (RFC 5426), TCP (RFC 6587, octet counting), TLS (RFC 5425; ca_pem: the CA certificates, PEM, the
-- server's certificate must chain to, and it must name host).
CREATE TABLE siem_target (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    account_id  BIGINT       NULL,
    name        VARCHAR(100) NOT NULL,
    host        VARCHAR(253) NOT NULL,
    port        INT          NOT NULL,
    transport   VARCHAR(8)   NOT NULL,
    ca_pem      TEXT         NULL,
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  DATETIME(3)  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_siem_target_account (account_id),
    CONSTRAINT fk_siem_target_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
    CONSTRAINT ck_siem_target_port CHECK (port BETWEEN 1 AND 65535),
    CONSTRAINT ck_siem_target_transport CHECK (transport IN ('UDP', 'TCP', 'TLS'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Where forwarding to a target stands, kept across restarts and outages of the syslog server (at-least-once):
-- last_event_id is the highest audit_event id the server is known to have taken; gaps (appliance-wide targets only)
-- are the ids below it not seen yet, as 'from-to@first-seen-epoch-ms' separated by ';' — events of transactions
-- that committed later than events with higher ids (another account's chain), sent when they appear, forgotten
-- after keyswitch.siem.gap-wait (ids of transactions that rolled back never appear). forwarded counts the events
-- the server took; last_success_at / last_error / last_error_at are what the page shows.
CREATE TABLE siem_position (
    target_id       BIGINT        NOT NULL,
    last_event_id   BIGINT        NOT NULL,
    gaps            VARCHAR(4000) NOT NULL DEFAULT '',
    forwarded       BIGINT        NOT NULL DEFAULT 0,
    last_success_at DATETIME(3)   NULL,
    last_error      VARCHAR(500)  NULL,
    last_error_at   DATETIME(3)   NULL,
    PRIMARY KEY (target_id),
    CONSTRAINT fk_siem_position_target FOREIGN KEY (target_id) REFERENCES siem_target (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
