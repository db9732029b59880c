# Source: IEC 62443-3-3 SR 7.7 (least functionality); issue 6 ("SSH off by default"); VMware VEBA appliance practice.
# shellcheck shell=sh
# Control: the SSH server is installed but disabled; it has no host keys until it is turned on
# (ssh-keygen -A then makes fresh ones, unique to this appliance).
echo "hardening: sshoff: disable ssh.service and ssh.socket"
systemctl disable ssh.service ssh.socket >/dev/null 2>&1 || true
rm -f /etc/systemd/system/sshd.service
touch /etc/ssh/sshd_not_to_be_run
