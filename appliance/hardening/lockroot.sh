# Source: konstruktoid/hardening scripts/lockroot; IEC 62443-3-3 SR 1.1 (no shared, password-less or default account).
# shellcheck shell=sh
# Control: root has no password and is locked; nobody logs in as root on a console or over SSH.
echo "hardening: lockroot: lock root, no password hash"
usermod -p '!' root
passwd -l root >/dev/null
