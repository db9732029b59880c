-- Work reports (issue 15): after a connection that opened has closed, its technician is asked what was done; the
-- account decides whether that is optional or mandatory (then the technician's next Connect waits for it), how long
-- the author may correct a report, and which fields of its own a report has.

-- The account's rule for work reports (no row: optional, corrections for 24 hours). mandatory: a technician with an
-- open report cannot Connect. edit_hours: how long after first writing the author may correct a report.
CREATE TABLE work_report_rule (
    account_id  BIGINT      NOT NULL,
    mandatory   BOOLEAN     NOT NULL DEFAULT FALSE,
    edit_hours  INT         NOT NULL DEFAULT 24,
    updated_at  DATETIME(3) NULL,
    version     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_work_report_rule_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A field of the account's own that every work report has: kind TEXT, NUMBER, DATE or CHOICE (choices: one per
-- line), required or not, shown in the order of position. Reports keep the values with the field's name and kind,
-- so a field changed or deleted later leaves the reports written before as they were.
CREATE TABLE work_report_field (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    account_id  BIGINT        NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    name_key    CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind        VARCHAR(8)    NOT NULL,
    choices     VARCHAR(2000) NULL,
    required    BOOLEAN       NOT NULL DEFAULT FALSE,
    position    INT           NOT NULL DEFAULT 0,
    created_at  DATETIME(3)   NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_work_report_field_name_key UNIQUE (account_id, name_key),
    CONSTRAINT fk_work_report_field_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One work report, asked for when a connection that opened closed (one per connection): OPEN until its technician
-- writes it, then WRITTEN; its author may correct it until edit_until, after which it is final. The names, the
-- project and the connection's times are kept, so the report stays readable (and invoiceable) when the user, device
-- or project is gone or moved. fields: the extra fields' values as JSON [{"name","kind","value"}].
CREATE TABLE work_report (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    account_id      BIGINT        NOT NULL,
    connection_id   BIGINT        NOT NULL,
    user_id         BIGINT        NULL,
    user_name       VARCHAR(200)  NOT NULL,
    device_id       BIGINT        NULL,
    device_name     VARCHAR(100)  NOT NULL,
    project_id      BIGINT        NULL,
    project_name    VARCHAR(100)  NULL,
    opened_at       DATETIME(3)   NULL,
    closed_at       DATETIME(3)   NOT NULL,
    state           VARCHAR(8)    NOT NULL,
    what_was_done   TEXT          NULL,
    order_number    VARCHAR(64)   NULL,
    setup_minutes   INT           NULL,
    travel_minutes  INT           NULL,
    working_minutes INT           NULL,
    fields          TEXT          NULL,
    written_at      DATETIME(3)   NULL,
    edit_until      DATETIME(3)   NULL,
    updated_at      DATETIME(3)   NULL,
    versions        INT           NOT NULL DEFAULT 0,
    version         BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_work_report_connection UNIQUE (connection_id),
    -- a technician's open reports: the consent asked at every Connect reads only this index
    KEY ix_work_report_open (user_id, state, closed_at),
    -- the lists: per account by time, per device, per project, per technician
    KEY ix_work_report_account (account_id, closed_at, id),
    KEY ix_work_report_device (device_id, closed_at),
    KEY ix_work_report_project (project_id, closed_at),
    CONSTRAINT fk_work_report_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_work_report_connection FOREIGN KEY (connection_id) REFERENCES connection (id),
    CONSTRAINT fk_work_report_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL,
    CONSTRAINT fk_work_report_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE SET NULL,
    CONSTRAINT fk_work_report_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every version of a report as its author wrote it (number 1 is the first writing, then each correction): never
-- changed, never deleted.
CREATE TABLE work_report_version (
    report_id       BIGINT        NOT NULL,
    number          INT           NOT NULL,
    author_id       BIGINT        NULL,
    author_name     VARCHAR(200)  NOT NULL,
    written_at      DATETIME(3)   NOT NULL,
    what_was_done   TEXT          NOT NULL,
    order_number    VARCHAR(64)   NULL,
    setup_minutes   INT           NULL,
    travel_minutes  INT           NULL,
    working_minutes INT           NULL,
    fields          TEXT          NULL,
    PRIMARY KEY (report_id, number),
    CONSTRAINT fk_work_report_version_report FOREIGN KEY (report_id) REFERENCES work_report (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
