-- Scheduled reports (issue 16): a report kind with its filter, saved by a user and mailed at its time as PDF and/or
-- CSV. It runs with its owner's rights as they are at run time; a deleted owner takes their schedules along.
-- The time is kept as the account's local time of day (the account's time zone is the setting account.time-zone);
-- next_run_at is that time's next instant, computed in the time zone, and what the runner looks for.
CREATE TABLE report_schedule (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    account_id        BIGINT        NOT NULL,
    owner_id          BIGINT        NOT NULL,
    name              VARCHAR(100)  NOT NULL,
    kind              VARCHAR(64)   NOT NULL,
    -- the report's filter without its period, as a JSON object of ReportFilter.parameters() ({"device":"12"})
    filter_parameters VARCHAR(1000) NOT NULL,
    period            VARCHAR(16)   NOT NULL,
    cadence           VARCHAR(8)    NOT NULL,
    weekday           VARCHAR(9)    NULL,
    month_day         TINYINT       NULL,
    at_time           TIME          NOT NULL,
    -- one or more addresses, separated by ", "
    recipients        VARCHAR(2000) NOT NULL,
    attach_pdf        BOOLEAN       NOT NULL,
    attach_csv        BOOLEAN       NOT NULL,
    next_run_at       DATETIME(3)   NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NULL,
    version           BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    -- the runner's question: which schedules are due
    KEY ix_report_schedule_due (next_run_at),
    KEY ix_report_schedule_account (account_id, owner_id),
    CONSTRAINT fk_report_schedule_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
    CONSTRAINT fk_report_schedule_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE CASCADE
);

-- Each run of a schedule (at its time, or "send now"): the period it reported on, its state (PENDING until sent,
-- retried with backoff while the mail server fails; SENT; FAILED when it cannot be written for its owner or gave up),
-- rows and bytes written, the last error. Stored before the report is written, so a restart loses no run.
CREATE TABLE report_schedule_run (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    schedule_id     BIGINT        NOT NULL,
    account_id      BIGINT        NOT NULL,
    started_by      VARCHAR(8)    NOT NULL,
    due_at          DATETIME(3)   NOT NULL,
    period_from     DATETIME(3)   NOT NULL,
    period_to       DATETIME(3)   NOT NULL,
    state           VARCHAR(8)    NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NULL,
    last_error      VARCHAR(1000) NULL,
    row_count       BIGINT        NULL,
    byte_count      BIGINT        NULL,
    note            VARCHAR(300)  NULL,
    finished_at     DATETIME(3)   NULL,
    PRIMARY KEY (id),
    -- a schedule's history, newest first
    KEY ix_report_schedule_run_schedule (schedule_id, id),
    -- the runner's question: which runs are due
    KEY ix_report_schedule_run_due (state, next_attempt_at),
    CONSTRAINT fk_report_schedule_run_schedule FOREIGN KEY (schedule_id) REFERENCES report_schedule (id) ON DELETE CASCADE
);
