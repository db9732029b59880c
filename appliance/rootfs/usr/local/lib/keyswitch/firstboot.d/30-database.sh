# shellcheck shell=sh
# Step 30: the portal's database and user (MariaDB on 127.0.0.1 only). Idempotent: the user's
# password is set again from portal.env each time. SQL goes through stdin, never argv.
. /usr/local/lib/keyswitch/common.sh

echo "  waiting for MariaDB"
i=0
until mariadb-admin --protocol=socket ping >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -le 120 ] || { echo "  MariaDB did not answer in 120 s" >&2; exit 1; }
    sleep 1
done
password=$(sed -n 's/^KEYSWITCH_DB_PASSWORD=//p' "$KEYSWITCH_ETC/portal.env")
[ -n "$password" ] || { echo "  no KEYSWITCH_DB_PASSWORD in portal.env" >&2; exit 1; }
echo "  creating database keyswitch and user keyswitch@127.0.0.1"
mariadb --protocol=socket <<EOSQL
CREATE DATABASE IF NOT EXISTS keyswitch CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'keyswitch'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER 'keyswitch'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON keyswitch.* TO 'keyswitch'@'127.0.0.1';
FLUSH PRIVILEGES;
EOSQL
