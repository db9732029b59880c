# Source: konstruktoid/hardening scripts/ctraltdel; IEC 62443-3-3 SR 7.1 (denial of service protection).
# shellcheck shell=sh
# Control: Ctrl-Alt-Del on the console does not reboot the appliance (reboot is a console
# menu action behind portal admin credentials).
echo "hardening: ctrlaltdel: mask ctrl-alt-del.target"
systemctl mask ctrl-alt-del.target >/dev/null
install -d -m 0755 /etc/systemd/system.conf.d
printf '# Keyswitch hardening (appliance/hardening/ctrlaltdel.sh)\n[Manager]\nCtrlAltDelBurstAction=none\n' > /etc/systemd/system.conf.d/90-keyswitch-ctrlaltdel.conf
