-- Alarms (issue 14): rules turn device data points into alarms, alarm groups say who is told, and an outbox holds
-- every message until it is sent.

-- A condition that raises an alarm, for one device, the devices of one project (a template), or every device of
-- the account (device_id and project_id both NULL). kind: STATE (the point shows state_value, e.g. IN2 'on'),
-- CHANGE (the point's value changed; USB, key switch), ABOVE / BELOW (a number beyond threshold, cleared only
-- when back beyond threshold ∓ hysteresis), OFFLINE (no report for offline_minutes; data_point is NULL).
-- builtin names the preset a rule was switched on from (offline, usb, key-switch), NULL for a user's own rule.
CREATE TABLE alarm_rule (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    account_id      BIGINT       NOT NULL,
    device_id       BIGINT       NULL,
    project_id      BIGINT       NULL,
    name            VARCHAR(100) NOT NULL,
    kind            VARCHAR(8)   NOT NULL,
    data_point      VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    state_value     VARCHAR(255) NULL,
    threshold       DOUBLE       NULL,
    hysteresis      DOUBLE       NOT NULL DEFAULT 0,
    offline_minutes INT          NULL,
    severity        VARCHAR(8)   NOT NULL,
    text            VARCHAR(500) NOT NULL,
    builtin         VARCHAR(16)  NULL,
    enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      DATETIME(3)  NOT NULL,
    version         BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_alarm_rule_account (account_id, kind),
    KEY ix_alarm_rule_device (device_id),
    KEY ix_alarm_rule_project (project_id),
    CONSTRAINT fk_alarm_rule_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_alarm_rule_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_rule_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT ck_alarm_rule_scope CHECK (device_id IS NULL OR project_id IS NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One alarm: raised when a rule's condition started on a device, cleared when it ended, acknowledged by a person
-- with a comment. open_rule_id is the rule's id while the alarm is not cleared and NULL after: the unique key on
-- (open_rule_id, device_id) keeps one open alarm per rule and device, also across restarts and parallel reports.
CREATE TABLE alarm (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    account_id       BIGINT        NOT NULL,
    device_id        BIGINT        NOT NULL,
    rule_id          BIGINT        NULL,
    open_rule_id     BIGINT        NULL,
    rule_name        VARCHAR(100)  NOT NULL,
    severity         VARCHAR(8)    NOT NULL,
    text             VARCHAR(500)  NOT NULL,
    value            VARCHAR(255)  NULL,
    raised_at        DATETIME(3)   NOT NULL,
    cleared_at       DATETIME(3)   NULL,
    acknowledged_at  DATETIME(3)   NULL,
    acknowledged_by  VARCHAR(200)  NULL,
    ack_comment      VARCHAR(1000) NULL,
    version          BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_alarm_open UNIQUE (open_rule_id, device_id),
    KEY ix_alarm_account_raised (account_id, raised_at),
    KEY ix_alarm_account_open (account_id, cleared_at),
    KEY ix_alarm_device (device_id, raised_at),
    CONSTRAINT fk_alarm_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_rule FOREIGN KEY (rule_id) REFERENCES alarm_rule (id) ON DELETE SET NULL,
    CONSTRAINT fk_alarm_open_rule FOREIGN KEY (open_rule_id) REFERENCES alarm_rule (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who is told of which alarms: the members of a user group (their e-mail address and phone number as their user
-- records hold them), by mail and/or SMS, for the alarms of a project or a device (both NULL: all) from a severity
-- up. Quiet hours (local time of time_zone; quiet_from > quiet_until spans midnight) hold messages until they end.
-- When an alarm is not acknowledged escalate_minutes after it was raised, escalate_to's members are told too.
CREATE TABLE alarm_group (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    account_id       BIGINT       NOT NULL,
    name             VARCHAR(100) NOT NULL,
    user_group_id    BIGINT       NOT NULL,
    project_id       BIGINT       NULL,
    device_id        BIGINT       NULL,
    min_severity     VARCHAR(8)   NOT NULL,
    by_mail          BOOLEAN      NOT NULL,
    by_sms           BOOLEAN      NOT NULL,
    quiet_from       TIME         NULL,
    quiet_until      TIME         NULL,
    time_zone        VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    escalate_minutes INT          NULL,
    escalate_to      BIGINT       NULL,
    created_at       DATETIME(3)  NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_alarm_group_account (account_id),
    CONSTRAINT fk_alarm_group_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_alarm_group_users FOREIGN KEY (user_group_id) REFERENCES user_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_group_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_group_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_group_escalate FOREIGN KEY (escalate_to) REFERENCES alarm_group (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An escalation waiting for its time: when due_at passes and the alarm is still not acknowledged, the members of
-- to_group are told; done_at is set either way (escalated or no longer needed).
CREATE TABLE alarm_escalation (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    alarm_id   BIGINT      NOT NULL,
    to_group   BIGINT      NOT NULL,
    due_at     DATETIME(3) NOT NULL,
    done_at    DATETIME(3) NULL,
    escalated  BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    KEY ix_alarm_escalation_due (done_at, due_at),
    CONSTRAINT fk_alarm_escalation_alarm FOREIGN KEY (alarm_id) REFERENCES alarm (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_escalation_group FOREIGN KEY (to_group) REFERENCES alarm_group (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The outbox: every alarm message (one per recipient and channel) is stored before it is sent and stays PENDING,
-- retried with a growing pause (next_attempt_at), until the mail server or SMS gateway takes it (SENT). A server
-- that is down delays messages, never loses them; last_error says why the last attempt failed.
CREATE TABLE alarm_message (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    account_id      BIGINT        NOT NULL,
    alarm_id        BIGINT        NOT NULL,
    channel         VARCHAR(8)    NOT NULL,
    recipient       VARCHAR(254)  NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    body            VARCHAR(2000) NOT NULL,
    state           VARCHAR(8)    NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    last_error      VARCHAR(500)  NULL,
    created_at      DATETIME(3)   NOT NULL,
    sent_at         DATETIME(3)   NULL,
    PRIMARY KEY (id),
    KEY ix_alarm_message_due (state, next_attempt_at),
    KEY ix_alarm_message_alarm (alarm_id),
    CONSTRAINT fk_alarm_message_alarm FOREIGN KEY (alarm_id) REFERENCES alarm (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
