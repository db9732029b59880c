-- The SMS second factor (issue 4). Runs unchanged on MariaDB 10.11 and 11.4. Times are DATETIME(3) in UTC.

-- The one live SMS login code per user: only a SHA-256 of the code salted with the user id is kept,
-- with how many tries it has left. A used, exhausted or expired code's row is deleted (expired ones
-- by the scheduled housekeeping). Keyed by the user id as text, like email_link_token.
CREATE TABLE sms_code (
    user_key       VARCHAR(64) NOT NULL,
    code_hash      CHAR(64)    NOT NULL,
    issued_at      DATETIME(3) NOT NULL,
    expires_at     DATETIME(3) NOT NULL,
    attempts_left  INT         NOT NULL,
    PRIMARY KEY (user_key),
    KEY ix_sms_code_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
