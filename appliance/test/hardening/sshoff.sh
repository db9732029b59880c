# Test of appliance/hardening/sshoff.sh: SSH is off by default.
# shellcheck shell=sh
check "ssh.service is not enabled" no_file /etc/systemd/system/multi-user.target.wants/ssh.service
check "sshd.service alias is absent" no_file /etc/systemd/system/sshd.service
check "ssh.socket is not enabled" no_file /etc/systemd/system/sockets.target.wants/ssh.socket
check "sshd_not_to_be_run is present" test -e "$ROOT/etc/ssh/sshd_not_to_be_run"
if live; then
    check "ssh.service is not active" sh -c '! systemctl is-active --quiet ssh.service'
    check "nothing listens on port 22" sh -c '! ss -Hltn | awk "{ print \$4 }" | grep -Eq ":22\$"'
else
    # Host keys exist only on an appliance where an administrator turned SSH on.
    check "no SSH host keys in the image" sh -c "! ls '$ROOT'/etc/ssh/ssh_host_* >/dev/null 2>&1"
fi
finish
