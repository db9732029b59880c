# Checks inside the running appliance after the portal made an account's OpenVPN server (run as
# root through the guest agent, after lib/assert.sh): `sh -s / acct-<id>`.
# shellcheck shell=sh
instance=${2:?usage: vpn-checks.sh ROOT acct-ID}
unit=openvpn-server@$instance.service
conf=/etc/openvpn/server/$instance.conf
socket=/run/keyswitch/openvpn/$instance.sock

# The portal starts the unit itself (systemctl through polkit); give it time under TCG.
i=0
until systemctl is-active --quiet "$unit" && [ -S "$socket" ] || [ "$i" -ge 120 ]; do sleep 2; i=$((i + 2)); done
check "$unit is active (started by the portal)" systemctl is-active --quiet "$unit"
check "$conf is the portal's (keyswitch) and 0644" test "$(stat -c '%U %a' "$conf")" = "keyswitch 644"
check "$instance/server.key is 0600" test "$(stat -c '%a' "/etc/openvpn/server/$instance/server.key")" = 600
check "$instance/tls-crypt.key is 0600" test "$(stat -c '%a' "/etc/openvpn/server/$instance/tls-crypt.key")" = 600
check "$instance/crl.pem is readable by nobody (OpenVPN re-reads it after dropping to nobody)" \
    runuser -u nobody -- cat "/etc/openvpn/server/$instance/crl.pem"
check "$instance/server.key is not readable by nobody" sh -c "! runuser -u nobody -- cat /etc/openvpn/server/$instance/server.key"
check "the management socket $socket exists" test -S "$socket"
# OpenVPN makes its management socket 0777 whatever the umask (seen with 2.6.14): the folder guards it.
check "the socket is root:keyswitch (is: $(stat -c '%U:%G %a' "$socket"))" test "$(stat -c '%U:%G' "$socket")" = "root:keyswitch"
check "its folder is root:keyswitch 2770 (is: $(stat -c '%U:%G %a' "${socket%/*}"))" test "$(stat -c '%U:%G %a' "${socket%/*}")" = "root:keyswitch 2770"
check "the socket is not reachable by others (nobody cannot even see it)" sh -c "! runuser -u nobody -- test -e $socket"
# ss -x: the accepted end shows the socket's path and its peer's inode; the peer must be java.
portal_connected() {
    for peer in $(ss -Hxp | awk -v s="$socket" '$2 == "ESTAB" && $5 == s { print $8 }'); do
        ss -Hxp | awk -v p="$peer" '$6 == p' | grep -q '"java"' && return 0
    done
    return 1
}
i=0
until portal_connected || [ "$i" -ge 30 ]; do sleep 1; i=$((i + 1)); done
check "the portal (java) is connected to the management socket" portal_connected
pid=$(systemctl show -p MainPID --value "$unit")
if [ "${pid:-0}" -gt 0 ]; then
    check "openvpn runs as nobody:nogroup after dropping privileges" test "$(ps -o user=,group= -p "$pid" | tr -s ' ')" = "nobody nogroup"
    check "openvpn's real, effective, saved and fs uid are all 65534" grep -Eq '^Uid:[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534$' "/proc/$pid/status"
    port=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$conf")
    check "openvpn listens on UDP $port (the config's port)" sh -c "ss -Hlunp | grep -F 'pid=$pid,' | awk '{ print \$4 }' | grep -Eq ':$port\$'"
    check "the account's port is 1194 (the first account, keyswitch.vpn.port-base)" test "$port" = 1194
    dev=$(sed -n 's/^dev \(ks[0-9]*\)$/\1/p' "$conf")
    check "the instance has the account's own tun interface ($dev, from 'dev ks<id>' in its config)" ip link show "$dev"
    check "$dev forwards (the udev rule), the host does not (ip_forward 0)" test \
        "$(cat "/proc/sys/net/ipv4/conf/$dev/forwarding") $(cat /proc/sys/net/ipv4/ip_forward)" = "1 0"
    for path in /sys/class/net/*; do
        nic=${path##*/}
        case $nic in ks*|lo) continue ;; esac
        check "$nic does not forward" test "$(cat "/proc/sys/net/ipv4/conf/$nic/forwarding")" = 0
    done
    echo "# rss openvpn ($instance): $(ps -o rss= -p "$pid" | awk '{ printf "%d KiB (%.1f MiB)", $1, $1 / 1024 }')"
    echo "# caps openvpn ($instance): $(grep '^CapEff' "/proc/$pid/status" | tr -s '\t ' ' ')"
else
    not_ok "$unit has no main process"
fi
check "no failed units" test -z "$(systemctl list-units --state=failed --no-legend --plain)"
finish
