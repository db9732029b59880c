# Test of appliance/hardening/coredump.sh: no core dumps.
# shellcheck shell=sh
check "limits: hard core 0" file_has /etc/security/limits.d/90-keyswitch-coredump.conf '^\* hard core 0$'
check "sysctl: fs.suid_dumpable = 0" file_has /etc/sysctl.d/91-keyswitch-coredump.conf '^fs.suid_dumpable = 0$'
check "systemd: DefaultLimitCORE=0" file_has /etc/systemd/system.conf.d/90-keyswitch-coredump.conf '^DefaultLimitCORE=0$'
check "coredump: Storage=none" file_has /etc/systemd/coredump.conf.d/90-keyswitch.conf '^Storage=none$'
if live; then
    check "running kernel: fs.suid_dumpable = 0" test "$(sysctl -n fs.suid_dumpable)" = 0
    check "the portal runs with a core limit of 0" sh -c 'pid=$(systemctl show -p MainPID --value keyswitch-portal.service); [ "$pid" -gt 0 ] && grep -Eq "^Max core file size +0 +0 " /proc/$pid/limits'
fi
finish
