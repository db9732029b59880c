-- Keyswitch foundation schema: accounts, users, groups with rights, memberships,
-- the hash-chained audit trail and settings. Runs unchanged on MariaDB 10.11 and 11.4.
-- Times are DATETIME(3) in UTC (see UtcInstantConverter): TIMESTAMP would end in 2038.

-- A tenant (a company). Owns users, groups, projects and devices; strictly separated.
CREATE TABLE account (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(64)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_account_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A person with their own login, unique by user name within an account.
-- Temporary users carry valid_from/valid_until and max_logins.
CREATE TABLE app_user (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    account_id           BIGINT       NOT NULL,
    username             VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(100) NOT NULL,
    full_name            VARCHAR(200) NOT NULL,
    email                VARCHAR(254) NULL,
    phone                VARCHAR(40)  NULL,
    status               VARCHAR(16)  NOT NULL,
    system_admin         BOOLEAN      NOT NULL DEFAULT FALSE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    valid_from           DATETIME(3) NULL,
    valid_until          DATETIME(3) NULL,
    max_logins           INT          NULL,
    login_count          INT          NOT NULL DEFAULT 0,
    last_login_at        DATETIME(3) NULL,
    password_changed_at  DATETIME(3) NULL,
    created_at           DATETIME(3) NOT NULL,
    version              BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_user_account_username UNIQUE (account_id, username),
    CONSTRAINT fk_user_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A set of users with a set of rights, within one account.
CREATE TABLE user_group (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    account_id  BIGINT       NOT NULL,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(500) NULL,
    created_at  DATETIME(3) NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_group_account_name UNIQUE (account_id, name),
    CONSTRAINT fk_group_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The rights (permission strings feature:action) a group gives its members.
CREATE TABLE group_right (
    group_id   BIGINT      NOT NULL,
    permission VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, permission),
    CONSTRAINT fk_right_group FOREIGN KEY (group_id) REFERENCES user_group (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Which user is in which group (both of the same account).
CREATE TABLE group_membership (
    group_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id),
    KEY ix_membership_user (user_id),
    CONSTRAINT fk_membership_group FOREIGN KEY (group_id) REFERENCES user_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_membership_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The append-only audit trail. Each event stores the hash of the previous event of
-- its chain (chain_key = account id, 0 for events outside any account), so a changed
-- or deleted row breaks the chain and shows.
CREATE TABLE audit_event (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    chain_key     BIGINT        NOT NULL,
    account_id    BIGINT        NULL,
    occurred_at   DATETIME(3)  NOT NULL,
    actor         VARCHAR(200)  NULL,
    actor_user_id BIGINT        NULL,
    source_ip     VARCHAR(45)   NULL,
    action        VARCHAR(64)   NOT NULL,
    target        VARCHAR(300)  NULL,
    outcome       VARCHAR(16)   NOT NULL,
    details       TEXT          NULL,
    reason        VARCHAR(1000) NULL,
    prev_hash     CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    PRIMARY KEY (id),
    KEY ix_audit_chain (chain_key, id),
    KEY ix_audit_account_time (account_id, occurred_at),
    KEY ix_audit_action (action, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The head of each audit chain; locked while an event is appended so that two
-- writers never link to the same predecessor.
CREATE TABLE audit_chain_head (
    chain_key     BIGINT   NOT NULL,
    last_event_id BIGINT   NULL,
    last_hash     CHAR(64) NOT NULL,
    PRIMARY KEY (chain_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A typed setting, appliance-wide (scope_id 0) or of one account (scope_id = account id).
CREATE TABLE setting (
    scope_id      BIGINT        NOT NULL,
    setting_key   VARCHAR(100)  NOT NULL,
    setting_value VARCHAR(4000) NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (scope_id, setting_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
