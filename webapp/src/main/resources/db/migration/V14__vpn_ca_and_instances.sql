-- VPN (issue 5): the appliance's certificate authority and one OpenVPN server instance per account.
-- Private keys are stored encrypted under the key-encryption secret of KEYSWITCH_HOME/vpn-secrets,
-- which is never in the database (see docs/vpn-core.md).

-- The appliance's CA, made at the portal's first start: one row (id 1). It signs every server and
-- client certificate and every CRL. key_enc is an encrypted PKCS#8 PEM (PBES2, AES-256-CBC).
CREATE TABLE vpn_ca (
    id         TINYINT     NOT NULL,
    cert_pem   TEXT        NOT NULL,
    key_enc    TEXT        NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_vpn_ca_one_row CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One account's OpenVPN server (openvpn-server@<name>): its own UDP port and tunnel subnet, its
-- server certificate and key (encrypted), its tls-crypt key (encrypted) and the number of the CRL
-- last written for it (CRL numbers must increase).
CREATE TABLE vpn_instance (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    account_id      BIGINT      NOT NULL,
    name            VARCHAR(32) NOT NULL,
    port            INT         NOT NULL,
    tunnel_subnet   VARCHAR(18) NOT NULL,
    server_cn       VARCHAR(64) NOT NULL,
    server_cert_pem TEXT        NOT NULL,
    server_key_enc  TEXT        NOT NULL,
    tls_crypt_enc   TEXT        NOT NULL,
    crl_number      BIGINT      NOT NULL DEFAULT 1,
    created_at      DATETIME(3) NOT NULL,
    version         BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_vpn_instance_account UNIQUE (account_id),
    CONSTRAINT uq_vpn_instance_name UNIQUE (name),
    CONSTRAINT uq_vpn_instance_port UNIQUE (port),
    CONSTRAINT uq_vpn_instance_tunnel UNIQUE (tunnel_subnet),
    CONSTRAINT fk_vpn_instance_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
