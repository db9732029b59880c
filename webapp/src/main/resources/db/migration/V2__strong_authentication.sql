-- Strong authentication (issue 4): TOTP enrolments, their replay records, recovery codes,
-- e-mail link tokens, and the second-factor policy of accounts and groups.
-- Runs unchanged on MariaDB 10.11 and 11.4. Times are DATETIME(3) in UTC.

-- A user's confirmed authenticator app. The secret is AES-256-GCM encrypted with the portal's
-- TOTP key (never stored in clear, never hashed: it must stay usable); see docs/authentication.md.
CREATE TABLE totp_enrolment (
    user_id      BIGINT         NOT NULL,
    secret_enc   VARBINARY(255) NOT NULL,
    key_id       VARCHAR(32)    NOT NULL,
    enrolled_at  DATETIME(3)    NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_totp_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The last TOTP time step accepted per user: a code (or an older one) is accepted at most once,
-- even by several portal nodes. Keyed by the user id as text (the TotpStepStore role).
CREATE TABLE totp_step (
    user_key   VARCHAR(64) NOT NULL,
    last_step  BIGINT      NOT NULL,
    PRIMARY KEY (user_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The salted SHA-256 of each unused recovery code (RecoveryCodes); a used code's row is deleted.
CREATE TABLE recovery_code (
    user_key   VARCHAR(64) NOT NULL,
    code_hash  CHAR(64)    NOT NULL,
    PRIMARY KEY (user_key, code_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The one live e-mail login link per user: only the token's SHA-256 is kept.
CREATE TABLE email_link_token (
    user_key    VARCHAR(64) NOT NULL,
    token_hash  CHAR(64)    NOT NULL,
    expires_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (user_key),
    CONSTRAINT uq_email_link_hash UNIQUE (token_hash),
    KEY ix_email_link_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The second-factor policy: an account or a group may require one of all its users; a user
-- needs one if the appliance, their account or any of their groups requires it (the stricter wins).
ALTER TABLE account ADD COLUMN second_factor_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE user_group ADD COLUMN second_factor_required BOOLEAN NOT NULL DEFAULT FALSE;
