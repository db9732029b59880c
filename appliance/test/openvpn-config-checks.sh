# Checks inside the running appliance that the OpenVPN config the portal writes cannot make the
# root OpenVPN service load code or keep root (run as root through the guest agent, after
# lib/assert.sh, once the portal has made and started an account's server): `sh -s / acct-<id>`.
# A test instance acct-990 gets a copy of that server's config, written as the portal writes
# it (user keyswitch), and is started as the portal starts it (systemctl through polkit): as it
# is, it starts; with a plugin, with scripts, with an include or as a link, systemd refuses to
# start it and nothing runs as root. See keyswitch-openvpn-check and the openvpn-server@ drop-in.
# shellcheck shell=sh
instance=${2:?usage: openvpn-config-checks.sh ROOT acct-ID}
test_instance=acct-990
unit=openvpn-server@$test_instance.service
conf=/etc/openvpn/server/$test_instance.conf
proof=/root/keyswitch-openvpn-pwned
id=${instance#acct-}

as_portal() { runuser -u keyswitch -- "$@"; }
# write_config [EXTRA-LINE...]: the portal's server config made into acct-990's, plus lines.
write_config() {
    as_portal rm -f "$conf"
    sed -e "s|/$instance/|/$test_instance/|g; s|/$instance\\.sock|/$test_instance.sock|; s|^port .*|port 1293|" \
        -e "s|^dev ks$id\$|dev ks990|; s|^server .*|server 10.255.250.0 255.255.255.0 nopool|" \
        -e "s|^route .*|route 100.127.250.0 255.255.255.0|" "/etc/openvpn/server/$instance.conf" > /tmp/ks-config-check.conf
    for line in "$@"; do printf '%s\n' "$line" >> /tmp/ks-config-check.conf; done
    as_portal sh -c "cat > '$conf'" < /tmp/ks-config-check.conf
    rm -f /tmp/ks-config-check.conf
}
start_as_portal() { as_portal systemctl start "$unit" </dev/null >/dev/null 2>&1; }
# an openvpn process of acct-990 (by name and command line: pgrep -f would find this script's own sh -c)
openvpn_runs() { pgrep -a -x openvpn | grep -q -- "$test_instance"; }
no_openvpn() { ! openvpn_runs; }
refusals() { journalctl --no-pager -u "$unit" 2>/dev/null | grep -c "keyswitch-openvpn-check: $test_instance: refused" || true; }
refused_case() { # refused_case WHAT: the unit did not start, nothing ran, the journal says why
    what=$1
    before=$(refusals)
    if start_as_portal; then not_ok "$what: systemctl start succeeded"; else ok "$what: systemctl start fails"; fi
    sleep 1
    check "$what: the unit is not active" sh -c "! systemctl is-active --quiet $unit"
    check "$what: no openvpn process for $test_instance" no_openvpn
    check "$what: nothing ran as root ($proof absent)" test ! -e "$proof"
    i=0
    until [ "$(refusals)" -gt "$before" ] || [ "$i" -ge 10 ]; do sleep 1; i=$((i + 1)); done
    check "$what: the journal says keyswitch-openvpn-check refused it" test "$(refusals)" -gt "$before"
    check "$what: the checked copy is gone" test ! -e "/run/keyswitch-openvpn/$test_instance/server.conf"
    # Debian's Restart=on-failure would try again in 5 s (refused again); stop cancels that before the next case
    systemctl stop "$unit" 2>/dev/null || true
    systemctl reset-failed "$unit" 2>/dev/null || true
}

rm -f "$proof"
check "the portal's server $instance runs with the checked copy of its config" \
    sh -c "systemctl show -p ExecStart --value openvpn-server@$instance.service | grep -q -- '--config /run/keyswitch-openvpn/$instance/server.conf --script-security 1 --user nobody --group nogroup'"
check "the checked copy of $instance's config is root's, 0600" \
    test "$(stat -c '%U %a' "/run/keyswitch-openvpn/$instance/server.conf")" = "root 600"
check "the checked copy's folder is root's, 0700" test "$(stat -c '%U %a' "/run/keyswitch-openvpn/$instance")" = "root 700"
check "the checked copy is the portal's config" cmp -s "/run/keyswitch-openvpn/$instance/server.conf" "/etc/openvpn/server/$instance.conf"

# -- the unit's sandbox (systemd's own view), and what it means for the running server
for setting in ProtectKernelTunables=yes ProtectKernelModules=yes ProtectControlGroups=yes MemoryDenyWriteExecute=yes \
    RestrictSUIDSGID=yes LockPersonality=yes ProtectSystem=strict; do
    check "openvpn-server@: $setting" test "$(systemctl show -p "${setting%%=*}" --value "$unit")" = "${setting#*=}"
done
check "openvpn-server@: nothing outside /usr executable (NoExecPaths=/ /run /dev/shm, ExecPaths=/usr)" \
    sh -c "test \"\$(systemctl show -p NoExecPaths --value $unit | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ')\" = '/ /dev/shm /run ' && systemctl show -p ExecPaths --value $unit | grep -qx '/usr'"
check "openvpn-server@: Debian's OpenVPN plugins are inaccessible" \
    sh -c "systemctl show -p InaccessiblePaths --value $unit | grep -q '/usr/lib/x86_64-linux-gnu/openvpn/plugins'"
pid=$(systemctl show -p MainPID --value "openvpn-server@$instance.service")
if [ "${pid:-0}" -gt 0 ]; then
    echo "# /dev/shm as openvpn-server@$instance (pid $pid) sees it: $(awk '$5 == "/dev/shm" { print $6 }' "/proc/$pid/mountinfo" 2>&1 | tr '\n' ' ')"
    check "the running server sees /dev/shm noexec" sh -c "awk '\$5 == \"/dev/shm\" { print \$6 }' /proc/$pid/mountinfo | grep -q noexec"
    check "the running server sees / noexec (the portal's /etc/openvpn/server, /var/lib/keyswitch)" \
        sh -c "awk '\$5 == \"/\" { print \$6 }' /proc/$pid/mountinfo | grep -q noexec"
    check "the running server sees /run noexec (the portal's /run/keyswitch)" \
        sh -c "awk '\$5 == \"/run\" { print \$6 }' /proc/$pid/mountinfo | grep -q noexec"
    check "the running server sees /proc/sys read-only (kernel tunables)" \
        sh -c "awk '\$5 == \"/proc/sys\" { print \$6 }' /proc/$pid/mountinfo | grep -q '^ro'"
    check "the running server cannot see Debian's down-root plugin" \
        sh -c "! nsenter -t $pid -m test -e /usr/lib/x86_64-linux-gnu/openvpn/plugins/openvpn-plugin-down-root.so"
    check "(the plugin is there for everyone else: the check above means something)" \
        test -e /usr/lib/x86_64-linux-gnu/openvpn/plugins/openvpn-plugin-down-root.so
else
    not_ok "openvpn-server@$instance.service has no main process"
fi

# -- as it is, the config starts (the portal's way: as keyswitch, through polkit)
as_portal rm -rf "/etc/openvpn/server/$test_instance"
as_portal cp -a "/etc/openvpn/server/$instance" "/etc/openvpn/server/$test_instance"
write_config
if start_as_portal; then ok "the portal's config as acct-990's: systemctl start succeeds"; else not_ok "the portal's config as acct-990's does not start"; fi
i=0
until { systemctl is-active --quiet "$unit" && [ -S "/run/keyswitch/openvpn/$test_instance.sock" ]; } || [ "$i" -ge 60 ]; do sleep 1; i=$((i + 1)); done
check "$test_instance is active and made its management socket" sh -c "systemctl is-active --quiet $unit && test -S /run/keyswitch/openvpn/$test_instance.sock"
# The config has management-hold: OpenVPN opens its tun device and drops to nobody only after the portal's
# "hold release", which the portal sends only to its accounts' instances; the test sends it for acct-990.
/usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(b"hold release\n")
try:
    s.recv(4096)
except OSError:
    pass' "/run/keyswitch/openvpn/$test_instance.sock" || true
runs_as_nobody() { ps -o user= -p "$(systemctl show -p MainPID --value "$unit")" | grep -qx nobody; }
i=0
until runs_as_nobody || [ "$i" -ge 30 ]; do sleep 1; i=$((i + 1)); done
check "$test_instance runs as nobody (after the hold is released)" runs_as_nobody
as_portal systemctl stop "$unit" </dev/null >/dev/null 2>&1 || true
systemctl reset-failed "$unit" 2>/dev/null || true

# -- what a compromised portal would write
write_config "plugin /usr/lib/x86_64-linux-gnu/openvpn/plugins/openvpn-plugin-down-root.so \"/usr/bin/touch $proof\""
refused_case "a plugin line (Debian's down-root plugin)"
write_config "plugin /dev/shm/keyswitch-evil.so"
refused_case "a plugin in /dev/shm"
write_config "script-security 2" "up \"/usr/bin/touch $proof\""
refused_case "script-security 2 with an up script"
as_portal sh -c "printf 'plugin /usr/lib/x86_64-linux-gnu/openvpn/plugins/openvpn-plugin-down-root.so \"/usr/bin/touch %s\"\n' '$proof' > /var/lib/keyswitch/keyswitch-include.conf"
write_config "config /var/lib/keyswitch/keyswitch-include.conf"
refused_case "an included file (config)"
as_portal rm -f /var/lib/keyswitch/keyswitch-include.conf
write_config "iproute /dev/shm/keyswitch-ip"
refused_case "another ip command (iproute)"
as_portal rm -f "$conf"
as_portal ln -s "/etc/openvpn/server/$instance.conf" "$conf"
refused_case "the config as a link"

as_portal rm -f "$conf"
as_portal rm -rf "/etc/openvpn/server/$test_instance"
rm -f "$proof"
systemctl reset-failed "$unit" 2>/dev/null || true
check "no failed units afterwards" test -z "$(systemctl list-units --state=failed --no-legend --plain)"
finish
