# Test of appliance/hardening/mariadb.sh: MariaDB on loopback only, no anonymous users.
# shellcheck shell=sh
f=/etc/mysql/mariadb.conf.d/90-keyswitch.cnf
check "$f: bind-address = 127.0.0.1" file_has "$f" '^bind-address = 127.0.0.1$'
check "$f: skip-name-resolve" file_has "$f" '^skip-name-resolve = 1$'
check "$f: local-infile = 0" file_has "$f" '^local-infile = 0$'
if live; then
    check "mariadbd listens on 127.0.0.1:3306" sh -c 'ss -Hltnp | grep mariadbd | awk "{ print \$4 }" | grep -qx "127.0.0.1:3306"'
    check "mariadbd listens on no other address" sh -c '[ -z "$(ss -Hltnup | grep mariadbd | awk "{ print \$5 }" | grep -v "^127.0.0.1:")" ]'
    check "no anonymous MariaDB users" sh -c '[ "$(mariadb --protocol=socket -N -e "SELECT COUNT(*) FROM mysql.global_priv WHERE User = \"\"")" = 0 ]'
    check "no test database" sh -c '! mariadb --protocol=socket -N -e "SHOW DATABASES" | grep -qx test'
fi
finish
