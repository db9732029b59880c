-- Reports (issue 16) read keyed pages, newest first: WHERE <filter> [AND <period>] [AND id < ?] ORDER BY id DESC LIMIT n.
-- With 10 million audit events and 1 million connection records a first page must come in under a second whatever
-- the filter, so each filter column gets an index that ends in the id: MariaDB then reads the filter's newest rows
-- in order and stops after n, instead of sorting every row of the account, user or device (docs/develop/benchmarks.md,
-- "Reports at scale", has the queries, their plans and the insert cost of each index).

-- audit_event: the account's events newest first (user protocol, system protocol per account, the audit page);
-- ix_audit_account_time (account_id, occurred_at) stays for the per-day counts and the period's range.
ALTER TABLE audit_event
    ADD KEY ix_audit_account_id (account_id, id),
    -- one user's events newest first (user protocol filtered by user: logins and changes of that person)
    ADD KEY ix_audit_user_id (actor_user_id, id);

-- connection: the account's history newest first, one technician's, one device's (and a project's, through its
-- devices); the existing (account_id, state, id), (user_id, state) and (device_id, state) serve the live limits.
ALTER TABLE connection
    ADD KEY ix_connection_account_id (account_id, id),
    ADD KEY ix_connection_user_id (user_id, id),
    ADD KEY ix_connection_device_id (device_id, id);

-- SIEM forwarding (issue 16): an appliance-wide target keeps the ids of other accounts' transactions not committed
-- yet as gaps; at 1,000 events a second from several accounts at once more than the 100 that fit VARCHAR(4000) were
-- open, and the oldest were forgotten before they committed: events lost (webapp/bench/siem-throughput.sh). Now up
-- to 10,000 ranges (siem.Cursor.MAX_GAPS), each at most 40 characters.
ALTER TABLE siem_position MODIFY gaps MEDIUMTEXT NOT NULL DEFAULT '';
