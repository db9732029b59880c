# Source: konstruktoid/hardening scripts/coredump; IEC 62443-3-3 SR 4.2 (information persistence).
# shellcheck shell=sh
# Control: no core dumps (a portal heap dump would hold passwords and session keys).
echo "hardening: coredump: off in limits, sysctl and systemd"
install -d -m 0755 /etc/security/limits.d /etc/systemd/coredump.conf.d /etc/systemd/system.conf.d
printf '# Keyswitch hardening (appliance/hardening/coredump.sh)\n* hard core 0\n* soft core 0\n' > /etc/security/limits.d/90-keyswitch-coredump.conf
printf '# Keyswitch hardening (appliance/hardening/coredump.sh)\nfs.suid_dumpable = 0\nkernel.core_pattern = |/bin/false\n' > /etc/sysctl.d/91-keyswitch-coredump.conf
printf '# Keyswitch hardening (appliance/hardening/coredump.sh)\n[Coredump]\nStorage=none\nProcessSizeMax=0\n' > /etc/systemd/coredump.conf.d/90-keyswitch.conf
printf '# Keyswitch hardening (appliance/hardening/coredump.sh)\n[Manager]\nDefaultLimitCORE=0\n' > /etc/systemd/system.conf.d/90-keyswitch-coredump.conf
