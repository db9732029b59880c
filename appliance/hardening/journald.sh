# Source: konstruktoid/hardening scripts/journalctl; IEC 62443-3-3 SR 2.9 (audit storage capacity), 6.1.
# shellcheck shell=sh
# Control: the journal is kept on disk, compressed, bounded in size, and is the one log store.
echo "hardening: journald: persistent, 512M at most"
install -d -m 0755 /etc/systemd/journald.conf.d
cat > /etc/systemd/journald.conf.d/90-keyswitch.conf <<'EOC'
# Keyswitch hardening (appliance/hardening/journald.sh)
[Journal]
Storage=persistent
Compress=yes
SystemMaxUse=512M
SystemKeepFree=1G
ForwardToSyslog=no
EOC
