#!/usr/bin/env bash
# Benchmark data (issue 16, "Figures"): fills a Keyswitch database (migrated by the portal: the schema must be there)
# with 10 accounts "bench-r01" … "bench-r10" (100 users, 10 projects and 1,000 devices each), 10 million audit events
# and 1 million connection records, spread over the last 365 days: a year of a busy appliance, newest with the highest
# ids as the portal writes them. The rows come from MariaDB's sequence engine (INSERT … SELECT FROM seq_1_to_N), one
# million per statement and transaction, so the whole seed takes minutes, not hours.
#
# Spread: account bench-r01 holds 40 % of the rows, the other nine 6.7 % each; users, devices and actions cycle through
# each account's own (every user acts, every device is connected to), times rise with the id.
#
# The audit hash chain: the seeded events carry a placeholder hash (SHA-256 of their sequence number), NOT a chain,
# so they would not verify. The seeded accounts get no chain head (audit_chain_head), and the scheduled chain check
# walks only the chains that have one, so it skips them; a real event written later into a seeded account would start
# that account's chain and the check would then report it broken at the first seeded event. Seed a database for
# benchmarks only, never one in use.
#
# Usage: webapp/bench/seed-reports.sh [mariadb client options … database]
#   e.g. webapp/bench/seed-reports.sh --socket=/var/tmp/x/db/mysql.sock -u root keyswitch
#   environment: KS_SEED_EVENTS (default 10000000), KS_SEED_CONNECTIONS (default 1000000)
set -euo pipefail
events="${KS_SEED_EVENTS:-10000000}"
connections="${KS_SEED_CONNECTIONS:-1000000}"
chunk=1000000
sql() { mariadb --batch --skip-column-names "$@"; }
client=("$@")
now_s() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now_s)" 'BEGIN {printf "%.1f s", b - a}'; }

echo "Seeding accounts, users, projects, devices ..."
t=$(now_s)
sql "${client[@]}" <<'SQL'
SET @start = UTC_TIMESTAMP(3) - INTERVAL 365 DAY;
INSERT INTO account (name, status, created_at)
    SELECT CONCAT('bench-r', LPAD(seq, 2, '0')), 'ACTIVE', @start FROM seq_1_to_10;
-- one /16 of 10.0.0.0/9 each, away from the default pool's first blocks (100.64.0.0/10)
INSERT INTO account_pool_block (account_id, block, first_address, last_address, grown, created_at)
    SELECT a.id, CONCAT('10.', 100 + CAST(SUBSTRING(a.name, 8) AS UNSIGNED), '.0.0/16'),
           INET_ATON(CONCAT('10.', 100 + CAST(SUBSTRING(a.name, 8) AS UNSIGNED), '.0.0')),
           INET_ATON(CONCAT('10.', 100 + CAST(SUBSTRING(a.name, 8) AS UNSIGNED), '.255.255')), FALSE, @start
    FROM account a WHERE a.name LIKE 'bench-r__';
-- users cannot log in: the hash is no bcrypt hash (the benchmark adds its own administrator with a token)
INSERT INTO app_user (account_id, username, password_hash, full_name, status, created_at)
    SELECT a.id, CONCAT('user', LPAD(s.seq, 3, '0')), '!seeded: no login', CONCAT('Bench user ', s.seq), 'ACTIVE', @start
    FROM account a JOIN seq_1_to_100 s WHERE a.name LIKE 'bench-r__';
INSERT INTO project (account_id, name, name_key, created_at)
    SELECT a.id, CONCAT('Line ', s.seq), SHA2(CONCAT('line ', s.seq), 256), @start
    FROM account a JOIN seq_1_to_10 s WHERE a.name LIKE 'bench-r__';
-- 1,000 devices per account, 100 per project, each a /28 of the account's /16
INSERT INTO device (account_id, project_id, name, name_key, lan_subnet, virtual_subnet, status, created_at)
    SELECT a.id, p.id, CONCAT('Press ', LPAD(s.seq, 4, '0')), SHA2(CONCAT('press ', LPAD(s.seq, 4, '0')), 256),
           '192.168.0.0/28', CONCAT('10.', 100 + CAST(SUBSTRING(a.name, 8) AS UNSIGNED), '.', s.seq DIV 16, '.', (s.seq MOD 16) * 16, '/28'),
           'ACTIVE', @start
    FROM account a JOIN seq_0_to_999 s JOIN project p ON p.account_id = a.id AND p.name = CONCAT('Line ', 1 + s.seq DIV 100)
    WHERE a.name LIKE 'bench-r__';
-- where each account's users and devices begin (their ids are consecutive): the bulk statements pick by arithmetic
CREATE TABLE bench_seed_account (
    idx          INT    NOT NULL PRIMARY KEY,
    account_id   BIGINT NOT NULL,
    account_name VARCHAR(64) NOT NULL,
    first_user   BIGINT NOT NULL,
    first_device BIGINT NOT NULL
) ENGINE = InnoDB;
INSERT INTO bench_seed_account
    SELECT CAST(SUBSTRING(a.name, 8) AS UNSIGNED) - 1, a.id, a.name,
           (SELECT MIN(id) FROM app_user u WHERE u.account_id = a.id),
           (SELECT MIN(id) FROM device d WHERE d.account_id = a.id)
    FROM account a WHERE a.name LIKE 'bench-r__';
SQL
echo "  done in $(took "$t")"

# account index of sequence number s: 0 for 40 % of the rows, 1..9 for 6.7 % each
acct='CASE WHEN s.seq MOD 10 < 4 THEN 0 ELSE 1 + (s.seq DIV 10) MOD 9 END'

echo "Seeding $events audit events, $chunk per statement ..."
t=$(now_s)
for ((from = 1; from <= events; from += chunk)); do
    to=$((from + chunk - 1)); ((to > events)) && to=$events
    sql "${client[@]}" <<SQL
SET @start = UTC_TIMESTAMP(3) - INTERVAL 365 DAY;
SET @step = 365 * 86400 / $events;
INSERT INTO audit_event (chain_key, account_id, occurred_at, actor, actor_user_id, source_ip, action, target, outcome,
                         details, reason, prev_hash, hash)
    SELECT b.account_id, b.account_id, @start + INTERVAL (s.seq * @step) SECOND,
           CONCAT(b.account_name, '/user', LPAD(1 + (s.seq DIV 7) MOD 100, 3, '0')), b.first_user + (s.seq DIV 7) MOD 100,
           CONCAT('192.0.2.', 1 + s.seq MOD 200),
           ELT(1 + s.seq MOD 20, 'login.password', 'login.password', 'login.password', 'login.second-factor',
               'login.second-factor', 'login.password', 'vpn.auth', 'vpn.auth', 'connection.request', 'connection.open',
               'connection.close', 'device.update', 'component.update', 'grant.create', 'user.update', 'project.update',
               'alarm.raise', 'alarm.acknowledge', 'device.report-refused', 'alarm.clear'),
           CONCAT('device ', b.first_device + (s.seq DIV 3) MOD 1000),
           IF(s.seq MOD 23 = 0, 'FAILURE', 'SUCCESS'),
           IF(s.seq MOD 5 = 0, CONCAT('{"before":{"name":"Press ', (s.seq DIV 3) MOD 1000, '"},"after":{"name":"Press ',
               (s.seq DIV 3) MOD 1000, 'b"}}'), NULL),
           IF(s.seq MOD 5 = 0, CONCAT('order SO-', s.seq MOD 100000), NULL),
           SHA2(s.seq - 1, 256), SHA2(s.seq, 256)
    FROM seq_${from}_to_${to} s STRAIGHT_JOIN bench_seed_account b ON b.idx = ($acct) ORDER BY s.seq;
SQL
    echo "  $to events ($(took "$t"))"
done

echo "Seeding $connections connection records ..."
t=$(now_s)
for ((from = 1; from <= connections; from += chunk)); do
    to=$((from + chunk - 1)); ((to > connections)) && to=$connections
    sql "${client[@]}" <<SQL
SET @start = UTC_TIMESTAMP(3) - INTERVAL 365 DAY;
SET @step = 365 * 86400 / $connections;
INSERT INTO connection (account_id, user_id, user_name, device_id, device_name, state, reason, order_number,
                        source_address, requested_at, opened_at, closed_at, technician_address, bytes_to_device,
                        bytes_from_device, last_activity_at, close_cause, closed_by)
    SELECT b.account_id, b.first_user + (s.seq DIV 7) MOD 100,
           CONCAT(b.account_name, '/user', LPAD(1 + (s.seq DIV 7) MOD 100, 3, '0')),
           b.first_device + (s.seq DIV 3) MOD 1000, CONCAT('Press ', LPAD((s.seq DIV 3) MOD 1000, 4, '0')), 'CLOSED',
           CONCAT('maintenance order ', s.seq MOD 977), CONCAT('SO-', s.seq MOD 100000), CONCAT('192.0.2.', 1 + s.seq MOD 200),
           @start + INTERVAL (s.seq * @step) SECOND, @start + INTERVAL (s.seq * @step + 2) SECOND,
           @start + INTERVAL (s.seq * @step + 2 + 60 * (1 + s.seq MOD 240)) SECOND,
           CONCAT('100.96.', s.seq MOD 256, '.', 2 + s.seq MOD 250), 1000 * (s.seq MOD 5000), 7000 * (s.seq MOD 3000),
           @start + INTERVAL (s.seq * @step + 60 * (1 + s.seq MOD 240)) SECOND,
           ELT(1 + s.seq MOD 4, 'DISCONNECTED', 'DISCONNECTED', 'IDLE', 'ENDED'),
           IF(s.seq MOD 4 = 3, CONCAT(b.account_name, '/user001'), 'system')
    FROM seq_${from}_to_${to} s STRAIGHT_JOIN bench_seed_account b ON b.idx = ($acct) ORDER BY s.seq;
SQL
    echo "  $to connections ($(took "$t"))"
done

echo "Analysing ..."
sql "${client[@]}" <<'SQL'
DROP TABLE bench_seed_account;
ANALYZE TABLE audit_event, connection, device, app_user;
SELECT CONCAT(table_name, ': ', FORMAT(table_rows, 0), ' rows (estimate), data ', ROUND(data_length / 1048576),
              ' MiB, indexes ', ROUND(index_length / 1048576), ' MiB')
    FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('audit_event', 'connection');
SQL
