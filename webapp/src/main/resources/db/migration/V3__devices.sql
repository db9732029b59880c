-- Projects, devices and components (issue 3). V2 is the strong-authentication migration.

-- The pool each account's devices get their virtual subnets from (shared address space,
-- rarely used on plant networks): every device LAN is mapped 1:1 onto one subnet of it.
ALTER TABLE account ADD COLUMN virtual_pool VARCHAR(18) NOT NULL DEFAULT '100.64.0.0/10';

-- A folder of devices: a plant, a customer, a machine line.
CREATE TABLE project (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    account_id  BIGINT        NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    description VARCHAR(1000) NULL,
    created_at  DATETIME(3)   NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_project_account_name UNIQUE (account_id, name),
    CONSTRAINT fk_project_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An industrial router at a machine: its real LAN and the unique virtual subnet it is reached by.
CREATE TABLE device (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    account_id     BIGINT        NOT NULL,
    project_id     BIGINT        NULL,
    name           VARCHAR(100)  NOT NULL,
    serial_number  VARCHAR(64)   NULL,
    description    VARCHAR(1000) NULL,
    lan_subnet     VARCHAR(18)   NOT NULL,
    virtual_subnet VARCHAR(18)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_device_account_name UNIQUE (account_id, name),
    CONSTRAINT uq_device_account_virtual UNIQUE (account_id, virtual_subnet),
    KEY ix_device_project (project_id),
    KEY ix_device_account_serial (account_id, serial_number),
    CONSTRAINT fk_device_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_device_project FOREIGN KEY (project_id) REFERENCES project (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One endpoint behind a device (a PLC, an HMI, a drive) and the services it may be reached on.
CREATE TABLE component (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    device_id  BIGINT       NOT NULL,
    account_id BIGINT       NOT NULL,
    name       VARCHAR(100) NOT NULL,
    ip         VARCHAR(15)  NOT NULL,
    services   VARCHAR(500) NOT NULL,
    web2go     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at DATETIME(3)  NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_component_device_name UNIQUE (device_id, name),
    KEY ix_component_account (account_id),
    CONSTRAINT fk_component_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
