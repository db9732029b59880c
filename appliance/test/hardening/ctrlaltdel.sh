# Test of appliance/hardening/ctrlaltdel.sh: Ctrl-Alt-Del does not reboot.
# shellcheck shell=sh
check "ctrl-alt-del.target is masked" sh -c "[ \"\$(readlink '$ROOT/etc/systemd/system/ctrl-alt-del.target')\" = /dev/null ]"
check "CtrlAltDelBurstAction=none" file_has /etc/systemd/system.conf.d/90-keyswitch-ctrlaltdel.conf '^CtrlAltDelBurstAction=none$'
finish
