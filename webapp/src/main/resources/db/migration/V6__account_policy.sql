-- Per-account rules (issue 3): whether a change needs a reason, when unused users are disabled,
-- and the password policy. An account without a row has the defaults below (the entity's too).
CREATE TABLE account_policy (
    account_id            BIGINT      NOT NULL,
    reason_required       BOOLEAN     NOT NULL DEFAULT TRUE,
    inactivity_days       INT         NOT NULL DEFAULT 90,
    password_min_length   INT         NOT NULL DEFAULT 12,
    password_lower        BOOLEAN     NOT NULL DEFAULT TRUE,
    password_upper        BOOLEAN     NOT NULL DEFAULT TRUE,
    password_digit        BOOLEAN     NOT NULL DEFAULT TRUE,
    password_symbol       BOOLEAN     NOT NULL DEFAULT FALSE,
    password_history      INT         NOT NULL DEFAULT 5,
    password_max_age_days INT         NOT NULL DEFAULT 0,
    updated_at            DATETIME(3) NULL,
    version               BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_policy_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Earlier password hashes of a user, newest first by id: a new password may not be one of the
-- last N (account_policy.password_history). Only bcrypt hashes, never a password.
CREATE TABLE password_history (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    user_id       BIGINT       NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    replaced_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_password_history_user (user_id, id),
    CONSTRAINT fk_password_history_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "Without login for N days" counts from the last login or, for a user who never logged in, from creation.
CREATE INDEX ix_user_last_login ON app_user (account_id, status, last_login_at);
