-- Names are unique by their key (V20, filled by V21): the database refuses exactly what the Java check refuses.
-- The old unique keys on the names go; an ordinary index keeps serving the lists sorted by name.
ALTER TABLE user_group MODIFY name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    DROP INDEX uq_group_account_name,
    ADD CONSTRAINT uq_group_account_name_key UNIQUE (account_id, name_key),
    ADD KEY ix_group_account_name (account_id, name);
ALTER TABLE project MODIFY name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    DROP INDEX uq_project_account_name,
    ADD CONSTRAINT uq_project_account_name_key UNIQUE (account_id, name_key),
    ADD KEY ix_project_account_name (account_id, name);
ALTER TABLE device MODIFY name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    DROP INDEX uq_device_account_name,
    ADD CONSTRAINT uq_device_account_name_key UNIQUE (account_id, name_key),
    ADD KEY ix_device_account_name (account_id, name);
ALTER TABLE component MODIFY name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    DROP INDEX uq_component_device_name,
    ADD CONSTRAINT uq_component_device_name_key UNIQUE (device_id, name_key),
    ADD KEY ix_component_device_name (device_id, name);
