-- Issue 12 (security review), part A.
--
-- One rule of name equality, the same in Java and in the database:
-- * account and user names follow their creation rules (lower-case ASCII, io.keyswitch.user.LoginNames) and are
--   compared exactly: utf8mb4_unicode_ci had made 'admin' + U+0001, U+200B or a soft hyphen the same user.
-- * names of groups, projects, devices and components are free text. Two are the same name when their keys are
--   equal: the key is computed in Java (io.keyswitch.platform.NameKey: NFKC, case folded, SHA-256) and compared
--   byte for byte (ascii_bin). The name column keeps utf8mb4_unicode_ci for sorting and searching only; it is no
--   longer unique (unicode_ci took every character outside the BMP as equal: 'cam 😀' = 'cam 😁').
--   V21 (Java) fills the keys of existing rows, V22 makes them required and unique.
ALTER TABLE account MODIFY name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
ALTER TABLE app_user MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;

ALTER TABLE user_group ADD COLUMN name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER name;
ALTER TABLE project ADD COLUMN name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER name;
ALTER TABLE device ADD COLUMN name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER name;
ALTER TABLE component ADD COLUMN name_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER name;

-- API tokens end: 90 days after they are made unless their user chose otherwise (existing tokens: 90 days
-- after this migration).
ALTER TABLE api_token ADD COLUMN expires_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3) + INTERVAL 90 DAY) AFTER created_at;

-- The addresses each user completed a login from (password and every factor), most recent first: a user name
-- banned by failures elsewhere still logs in from these (io.keyswitch.security.KnownAddresses). IPv6 addresses
-- are kept per /64, as the jail counts them.
CREATE TABLE known_login_address (
    user_id       BIGINT      NOT NULL,
    address       VARCHAR(49) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    last_login_at DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id, address),
    CONSTRAINT fk_known_address_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
