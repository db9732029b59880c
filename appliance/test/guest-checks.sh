# Checks inside the running appliance (run as root through the guest agent, after lib/assert.sh).
# shellcheck shell=sh

# -- listeners: non-loopback only 80/tcp and 443/tcp (portal), 1194-1293/udp (OpenVPN), 68/udp (DHCP)
listeners=$(ss -Hltnu | awk '{ print $1 " " $5 }')
echo "# listeners: $(echo "$listeners" | tr '\n' ';')"
unexpected=$(echo "$listeners" | while read -r proto addr; do
    [ -n "$proto" ] || continue
    port=${addr##*:}; host=${addr%:*}
    case $host in 127.* | '[::1]' | *%lo) continue ;; esac
    case $proto:$port in
        tcp:80 | tcp:443 | udp:68) continue ;;
        udp:*) if [ "$port" -ge 1194 ] && [ "$port" -le 1293 ]; then continue; fi ;;
    esac
    echo "$proto $addr"
done)
if [ -z "$unexpected" ]; then ok "only 80/tcp, 443/tcp (and VPN/DHCP udp) listen beyond loopback"; else not_ok "unexpected listeners: $(echo "$unexpected" | tr '\n' ';')"; fi
check "the portal listens on 443/tcp" sh -c 'ss -Hltn | awk "{ print \$4 }" | grep -Eq ":443\$"'
check "the portal listens on 80/tcp" sh -c 'ss -Hltn | awk "{ print \$4 }" | grep -Eq ":80\$"'

# -- units
for unit in keyswitch-firstboot.service keyswitch-portal.service keyswitch-console.service mariadb.service nftables.service chrony.service; do
    check "$unit is active" systemctl is-active --quiet "$unit"
done
check "keyswitch-portal.service is enabled (starts at every boot)" systemctl is-enabled --quiet keyswitch-portal.service
failed_units=$(systemctl list-units --state=failed --no-legend --plain | awk '{ print $1 }' | tr '\n' ' ')
if [ -z "$failed_units" ]; then ok "no failed units"; else not_ok "failed units: $failed_units"; fi
check "first boot finished (marker written)" test -e /var/lib/keyswitch/.firstboot-done

# -- the portal's sandbox
pid=$(systemctl show -p MainPID --value keyswitch-portal.service)
if [ "${pid:-0}" -gt 0 ]; then
    check "the portal runs as user keyswitch" test "$(ps -o user= -p "$pid" | tr -d ' ')" = keyswitch
    check "the portal has only CAP_NET_BIND_SERVICE (CapEff 0x400)" grep -Eq '^CapEff:[[:space:]]+0000000000000400$' "/proc/$pid/status"
    check "the portal has no_new_privs" grep -Eq '^NoNewPrivs:[[:space:]]+1$' "/proc/$pid/status"
    check "the portal sees / read-only (ProtectSystem=strict)" sh -c "awk '\$5 == \"/\" { o = \$6 } END { print o }' /proc/$pid/mountinfo | grep -q '^ro'"
    check "the portal may write /var/lib/keyswitch only (ReadWritePaths)" sh -c "awk '\$5 == \"/var/lib/keyswitch\" { o = \$6 } END { print o }' /proc/$pid/mountinfo | grep -q '^rw'"
else
    not_ok "keyswitch-portal.service has no main process"
fi

# -- secrets: modes, and never in the journal or /var/log
check "portal.env is root:keyswitch 0640" test "$(stat -c '%U:%G %a' /etc/keyswitch/portal.env)" = "root:keyswitch 640"
check "jvm.args is root:keyswitch 0640" test "$(stat -c '%U:%G %a' /etc/keyswitch/jvm.args)" = "root:keyswitch 640"
check "keystore.p12 is keyswitch 0600" test "$(stat -c '%U %a' /var/lib/keyswitch/keystore.p12)" = "keyswitch 600"
if [ -e /var/lib/keyswitch/setup-code ]; then
    check "the setup code file is keyswitch 0600" test "$(stat -c '%U %a' /var/lib/keyswitch/setup-code)" = "keyswitch 600"
fi
journal=$(mktemp)
journalctl --no-pager -o verbose > "$journal" 2>/dev/null
check "the journal is not empty (the search below means something)" test -s "$journal"
secret_file=$(mktemp)
check_secret() { # check_secret NAME VALUE
    [ -n "$2" ] || return 0
    # The secret goes to grep through a 0600 file (-f), never through a command line.
    printf '%s\n' "$2" > "$secret_file"
    check "secret $1 (${#2} chars) is not in the journal" sh -c "! grep -qF -f '$secret_file' '$journal'"
    check "secret $1 is not in /var/log" sh -c "! grep -rqF -f '$secret_file' /var/log --exclude-dir=journal"
    check "secret $1 is not on any command line" sh -c "! cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' '\\n' | grep -qF -f '$secret_file'"
}
check_secret "database password" "$(sed -n 's/^KEYSWITCH_DB_PASSWORD=//p' /etc/keyswitch/portal.env)"
check_secret "keystore password" "$(cat /etc/keyswitch/keystore.pass)"
check_secret "setup code" "$(head -n 1 /var/lib/keyswitch/setup-code 2>/dev/null || true)"
rm -f "$secret_file"
rm -f "$journal"

# -- first boot made this appliance unique
check "machine-id was generated" grep -Eq '^[0-9a-f]{32}$' /etc/machine-id
check "network by DHCP (no OVF environment under QEMU)" grep -q '^DHCP=yes' /etc/systemd/network/10-keyswitch.network

# -- figures (not assertions)
echo "# memory: $(awk '/^MemTotal/ { t = $2 } /^MemAvailable/ { a = $2 } END { printf "used %d MiB of %d MiB (MemTotal - MemAvailable)", (t - a) / 1024, t / 1024 }' /proc/meminfo)"
ps -eo rss=,comm= --sort=-rss | head -n 12 | awk '{ printf "# rss: %-24s %6d MiB\n", $2, $1 / 1024 }'
echo "# boot: $(systemd-analyze time 2>/dev/null | head -n 1)"
finish
