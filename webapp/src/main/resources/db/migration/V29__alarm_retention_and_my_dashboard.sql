-- Alarm retention (issue 14): cleared alarms and sent messages older than keyswitch.alarms.retention-days are deleted
-- in batches, oldest first; these keys let each batch statement read only the rows it deletes.
CREATE INDEX ix_alarm_cleared ON alarm (cleared_at);
CREATE INDEX ix_alarm_message_sent ON alarm_message (state, sent_at);

-- A person's own dashboard (issue 14): what they pinned from a project's dashboard, in the order they arranged it
-- (position): the tiles of a project's devices (data_point NULL) or a chart of one data point across the project's
-- devices over a period (DAY, WEEK, MONTH, YEAR); project_id NULL: all devices of the account.
CREATE TABLE dashboard_item (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    account_id  BIGINT      NOT NULL,
    user_id     BIGINT      NOT NULL,
    position    INT         NOT NULL,
    project_id  BIGINT      NULL,
    data_point  VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    period      VARCHAR(8)  NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_dashboard_item_user (user_id, position),
    CONSTRAINT fk_dashboard_item_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_dashboard_item_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_dashboard_item_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
