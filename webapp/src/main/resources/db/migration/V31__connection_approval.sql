-- Operator approval (issue 15): who must approve technicians' connections, how long a request waits for an answer,
-- and the requests with their answers.

-- Who approves connections to the devices of a project (project_id set: the project's default) or to one device
-- (device_id set: overrides its project). mode GROUP: the members of user_group_id approve (NULL after the group was
-- deleted: nobody can approve, so nobody connects); mode NONE: no approval (on a device, even if its project needs
-- one). A device without a row inherits its project's rule; a project without a row needs no approval.
CREATE TABLE approval_rule (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    account_id    BIGINT      NOT NULL,
    project_id    BIGINT      NULL,
    device_id     BIGINT      NULL,
    mode          VARCHAR(8)  NOT NULL,
    user_group_id BIGINT      NULL,
    updated_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_approval_rule_project UNIQUE (project_id),
    CONSTRAINT uq_approval_rule_device UNIQUE (device_id),
    CONSTRAINT fk_approval_rule_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_approval_rule_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT fk_approval_rule_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE,
    CONSTRAINT fk_approval_rule_group FOREIGN KEY (user_group_id) REFERENCES user_group (id) ON DELETE SET NULL,
    CONSTRAINT ck_approval_rule_scope CHECK ((project_id IS NULL) <> (device_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How long an account's connection requests wait for an answer before they expire (no row: 60 minutes).
CREATE TABLE approval_account_setting (
    account_id     BIGINT      NOT NULL,
    expire_minutes INT         NOT NULL,
    updated_at     DATETIME(3) NOT NULL,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_approval_setting_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A technician's request to connect to a device in a window (wanted_start, wanted_minutes), sent to the members of
-- user_group_id (the approvers when it was made). state: PENDING until an approver APPROVED it (window_start ..
-- window_end, inside the wanted window) or REFUSED it, or it EXPIRED at expires_at without an answer; ENDED when an
-- approver ended an approved window early (window_end is then when). Names are kept, so the record stays readable
-- when the user or device is gone.
CREATE TABLE approval_request (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    account_id      BIGINT        NOT NULL,
    device_id       BIGINT        NULL,
    device_name     VARCHAR(100)  NOT NULL,
    user_id         BIGINT        NULL,
    user_name       VARCHAR(200)  NOT NULL,
    user_group_id   BIGINT        NULL,
    reason          VARCHAR(1000) NOT NULL,
    order_number    VARCHAR(64)   NULL,
    wanted_start    DATETIME(3)   NOT NULL,
    wanted_minutes  INT           NOT NULL,
    requested_at    DATETIME(3)   NOT NULL,
    expires_at      DATETIME(3)   NOT NULL,
    state           VARCHAR(8)    NOT NULL,
    window_start    DATETIME(3)   NULL,
    window_end      DATETIME(3)   NULL,
    decided_at      DATETIME(3)   NULL,
    decided_by      VARCHAR(200)  NULL,
    decided_by_id   BIGINT        NULL,
    decision_comment VARCHAR(1000) NULL,
    ended_at        DATETIME(3)   NULL,
    ended_by        VARCHAR(200)  NULL,
    end_comment     VARCHAR(1000) NULL,
    version         BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_approval_request_consent (user_id, device_id, state, window_end),
    KEY ix_approval_request_account (account_id, state, requested_at),
    KEY ix_approval_request_group (user_group_id, state),
    KEY ix_approval_request_expiry (state, expires_at),
    KEY ix_approval_request_window (state, window_end),
    CONSTRAINT fk_approval_request_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_approval_request_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE SET NULL,
    CONSTRAINT fk_approval_request_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL,
    CONSTRAINT fk_approval_request_group FOREIGN KEY (user_group_id) REFERENCES user_group (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
