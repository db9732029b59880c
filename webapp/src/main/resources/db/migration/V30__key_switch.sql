-- The key switch at the machine (issue 15, physical consent): "Connections only while the key switch is on".

-- Whether connections to a device need its key switch (digital input IN1, the data point in1) on: a project's
-- default for its devices (a row with project_id), and a device's own choice that overrides it (a row with
-- device_id). No row: a device inherits its project's default; a project's default is "not required". One row per
-- project or device, so the consent's decision is one indexed lookup of each; rows go with their project or device.
CREATE TABLE key_switch_requirement (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    account_id BIGINT       NOT NULL,
    project_id BIGINT       NULL,
    device_id  BIGINT       NULL,
    required   BOOLEAN      NOT NULL,
    changed_at DATETIME(3)  NOT NULL,
    changed_by VARCHAR(200) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_key_switch_project UNIQUE (project_id),
    CONSTRAINT uq_key_switch_device UNIQUE (device_id),
    KEY ix_key_switch_account (account_id),
    CONSTRAINT ck_key_switch_one_target CHECK ((project_id IS NULL) <> (device_id IS NULL)),
    CONSTRAINT fk_key_switch_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT fk_key_switch_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
