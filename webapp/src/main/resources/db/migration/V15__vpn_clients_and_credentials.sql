-- VPN (issue 5): who may dial in, and with which certificates and secrets.

-- A VPN identity: a device (kind DEVICE) or a technician's profile (kind TECHNICIAN, one per user).
-- common_name is the certificate's CN (device-<id>, user-<id>); tunnel_host is the stable host
-- number of its address in the account instance's tunnel subnet. The row outlives a deleted
-- device or user (their ids become NULL), so its revoked certificates stay on the CRL.
CREATE TABLE vpn_client (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    account_id  BIGINT      NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    device_id   BIGINT      NULL,
    user_id     BIGINT      NULL,
    common_name VARCHAR(64) NOT NULL,
    tunnel_host INT         NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_vpn_client_cn UNIQUE (common_name),
    CONSTRAINT uq_vpn_client_device UNIQUE (device_id),
    CONSTRAINT uq_vpn_client_user UNIQUE (user_id),
    CONSTRAINT uq_vpn_client_host UNIQUE (account_id, tunnel_host),
    CONSTRAINT fk_vpn_client_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_vpn_client_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE SET NULL,
    CONSTRAINT fk_vpn_client_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A client certificate issued to a VPN identity (only its serial is kept, never its key), and for a
-- device its secret's keyed hash (hmac-sha256$<key id>$<base64>). At most one is not revoked per
-- client; revoked ones are listed on the CRL of the client's account.
CREATE TABLE vpn_credential (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    client_id     BIGINT        NOT NULL,
    account_id    BIGINT        NOT NULL,
    serial_hex    VARCHAR(40)   NOT NULL,
    secret_hash   VARCHAR(100)  NULL,
    issued_at     DATETIME(3)   NOT NULL,
    revoked_at    DATETIME(3)   NULL,
    revoke_reason VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_vpn_credential_serial UNIQUE (serial_hex),
    KEY ix_vpn_credential_client (client_id, revoked_at),
    KEY ix_vpn_credential_account_revoked (account_id, revoked_at),
    CONSTRAINT fk_vpn_credential_client FOREIGN KEY (client_id) REFERENCES vpn_client (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
