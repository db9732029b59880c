-- 20,000 routers in one account (issue 14): an account's virtual pool is one or more blocks of the appliance's virtual
-- space (keyswitch.accounts.virtual-space). A new account gets one block; when a new device's virtual subnet fits in
-- none of its blocks, the portal adds another (audited as account.pool-grown, reason "pool full"). Blocks of two
-- accounts never overlap (checked under the pool lock: the oldest account's row), nor the VPN's tunnel pool.
-- grown: the portal added the block because the pool was full (the accounts page says so); first_address and
-- last_address are the block's range as numbers, in the order the allocator walks.
CREATE TABLE account_pool_block (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    account_id    BIGINT      NOT NULL,
    block         VARCHAR(18) NOT NULL,
    first_address BIGINT      NOT NULL,
    last_address  BIGINT      NOT NULL,
    grown         BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_pool_block_account UNIQUE (account_id, first_address),
    KEY ix_pool_block_first (first_address),
    CONSTRAINT fk_pool_block_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every account's single pool becomes its first block (pools that overlap another account's stay as they were: the
-- portal separates those of accounts without devices at start, and the accounts page shows the rest).
INSERT INTO account_pool_block (account_id, block, first_address, last_address, grown, created_at)
SELECT id, virtual_pool, INET_ATON(SUBSTRING_INDEX(virtual_pool, '/', 1)),
       INET_ATON(SUBSTRING_INDEX(virtual_pool, '/', 1)) + POW(2, 32 - CAST(SUBSTRING_INDEX(virtual_pool, '/', -1) AS UNSIGNED)) - 1,
       FALSE, created_at
FROM account;

ALTER TABLE account DROP COLUMN virtual_pool;

-- The pool lock: one row that every choice of a block locks first (a new account, a pool changed, a pool grown), so
-- two accounts are never given the same block. A row of its own (the oldest account's row was the lock before), so a
-- device created or imported in the oldest account, which holds that account's row, does not hold every other
-- account's pool choices too.
CREATE TABLE account_pool_lock (
    id INT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO account_pool_lock (id) VALUES (1);
