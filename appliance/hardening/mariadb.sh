# Source: MariaDB Knowledge Base "Securing MariaDB" (bind-address, local_infile); IEC 62443-3-3 SR 5.4, 7.7.
# shellcheck shell=sh
# Control: MariaDB listens on 127.0.0.1 only, resolves no names, loads no local files, and has
# no anonymous users or test database.
echo "hardening: mariadb: /etc/mysql/mariadb.conf.d/90-keyswitch.cnf"
grep -q '^bind-address = 127.0.0.1$' /etc/mysql/mariadb.conf.d/90-keyswitch.cnf
chmod 0644 /etc/mysql/mariadb.conf.d/90-keyswitch.cnf
systemctl restart mariadb.service
mariadb --protocol=socket <<'EOSQL'
DELETE FROM mysql.global_priv WHERE User = '';
DROP DATABASE IF EXISTS test;
FLUSH PRIVILEGES;
EOSQL
