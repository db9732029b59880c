-- Grants (issue 3): a user or a group may reach a project (all its devices), a device (all its
-- components), or one component. Default deny: without a grant nothing is reachable.
CREATE TABLE access_grant (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    account_id   BIGINT      NOT NULL,
    user_id      BIGINT      NULL,
    group_id     BIGINT      NULL,
    project_id   BIGINT      NULL,
    device_id    BIGINT      NULL,
    component_id BIGINT      NULL,
    created_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_grant_user (user_id),
    KEY ix_grant_group (group_id),
    KEY ix_grant_project (project_id),
    KEY ix_grant_device (device_id),
    KEY ix_grant_component (component_id),
    KEY ix_grant_account (account_id),
    CONSTRAINT fk_grant_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_grant_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_grant_group FOREIGN KEY (group_id) REFERENCES user_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_grant_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT fk_grant_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE,
    CONSTRAINT fk_grant_component FOREIGN KEY (component_id) REFERENCES component (id) ON DELETE CASCADE,
    CONSTRAINT ck_grant_one_subject CHECK ((user_id IS NULL) <> (group_id IS NULL)),
    CONSTRAINT ck_grant_one_scope CHECK ((project_id IS NOT NULL) + (device_id IS NOT NULL) + (component_id IS NOT NULL) = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
