# Test of appliance/hardening/journald.sh: a persistent, bounded journal.
# shellcheck shell=sh
f=/etc/systemd/journald.conf.d/90-keyswitch.conf
check "$f: Storage=persistent" file_has "$f" '^Storage=persistent$'
check "$f: SystemMaxUse=512M" file_has "$f" '^SystemMaxUse=512M$'
check "$f: Compress=yes" file_has "$f" '^Compress=yes$'
if live; then check "the journal is on disk (/var/log/journal/<machine-id>)" test -d "/var/log/journal/$(cat /etc/machine-id)"; fi
finish
