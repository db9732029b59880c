-- The last result of the scheduled check of each audit chain (io.keyswitch.audit.AuditChainCheck): when it ran,
-- how many events it walked and the first broken event, if any. One row per chain (chain_key as in audit_event:
-- the account id, 0 for the appliance's events); each run replaces it and is itself an audit.verify event.
CREATE TABLE audit_verification (
    chain_key          BIGINT        NOT NULL,
    verified_at        DATETIME(3)   NOT NULL,
    events_checked     BIGINT        NOT NULL,
    first_broken_event BIGINT        NULL,
    problem            VARCHAR(300)  NULL,
    PRIMARY KEY (chain_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
