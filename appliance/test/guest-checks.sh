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
for unit in keyswitch-firstboot.service keyswitch-portal.service keyswitch-console.service mariadb.service nftables.service chrony.service keyswitch-firewall.socket; do
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
    for path in /var/lib/keyswitch /etc/openvpn/server /run/keyswitch; do
        check "the portal may write $path (ReadWritePaths)" sh -c "awk '\$5 == \"$path\" { o = \$6 } END { print o }' /proc/$pid/mountinfo | grep -q '^rw'"
    done
    journal_gid=$(getent group systemd-journal | cut -d: -f3)
    check "the portal is in group systemd-journal (reads the journal for the system protocol)" \
        sh -c "grep -E '^Groups:' /proc/$pid/status | tr -s ' \t' '\n' | grep -qx '${journal_gid:-none}'"
    check "the portal may not write /etc (read-only mount there)" sh -c "awk '\$5 == \"/etc\" || \$5 == \"/\" { o = \$6 } END { print o }' /proc/$pid/mountinfo | grep -q '^ro'"
else
    not_ok "keyswitch-portal.service has no main process"
fi

# -- technician connections: the portal cannot change the firewall; the helper can, and only that
check "the portal's unit has no CAP_NET_ADMIN (CapabilityBoundingSet)" sh -c \
    '! systemctl show -p CapabilityBoundingSet --value keyswitch-portal.service | grep -q cap_net_admin'
check "keyswitch-firewall.socket is active" systemctl is-active --quiet keyswitch-firewall.socket
check "the helper's socket is root:keyswitch 0660 (is: $(stat -c '%U:%G %a' /run/keyswitch/firewall.sock 2>&1))" \
    test "$(stat -c '%U:%G %a' /run/keyswitch/firewall.sock)" = "root:keyswitch 660"
check "the helper's socket is not reachable by nobody" sh -c '! runuser -u nobody -- test -e /run/keyswitch/firewall.sock'
helper_prop() { systemctl show -p "$1" --value keyswitch-firewall.service; }
check "the helper runs as a transient user, not root (DynamicUser=yes)" test "$(helper_prop DynamicUser)" = yes
check "the helper holds CAP_NET_ADMIN and nothing else" test "$(helper_prop CapabilityBoundingSet)" = cap_net_admin
check "the helper: NoNewPrivileges, ProtectSystem=strict, MemoryDenyWriteExecute" test \
    "$(helper_prop NoNewPrivileges) $(helper_prop ProtectSystem) $(helper_prop MemoryDenyWriteExecute)" = "yes strict yes"
# systemd prints the families in an order of its own (AF_NETLINK AF_UNIX): compared as a set
check "the helper may use unix and netlink sockets only (is: $(helper_prop RestrictAddressFamilies))" \
    test "$(helper_prop RestrictAddressFamilies | tr ' ' '\n' | sort | tr '\n' ' ')" = "AF_NETLINK AF_UNIX "
check "the helper answers the portal's PING (as keyswitch, over the socket)" sh -c \
    'printf "PING\n" | runuser -u keyswitch -- python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(\"/run/keyswitch/firewall.sock\"); s.sendall(sys.stdin.buffer.read()); print(s.makefile().readline().strip())" | grep -qx "OK keyswitch-firewall 1"'
check "the helper refuses anything outside its grammar" sh -c \
    'printf "FLUSH RULESET\n" | runuser -u keyswitch -- python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(\"/run/keyswitch/firewall.sock\"); s.sendall(sys.stdin.buffer.read()); print(s.makefile().readline().strip())" | grep -q "^ERR "'
hpid=$(systemctl show -p MainPID --value keyswitch-firewall.service)
if [ "${hpid:-0}" -gt 0 ]; then
    check "the helper's process is not root (uid $(awk '/^Uid:/ { print $2 }' "/proc/$hpid/status"))" sh -c "! grep -Eq '^Uid:[[:space:]]+0[[:space:]]' /proc/$hpid/status"
    check "the helper's process has only CAP_NET_ADMIN (CapEff 0x1000)" grep -Eq '^CapEff:[[:space:]]+0000000000001000$' "/proc/$hpid/status"
    echo "# rss keyswitch-firewall: $(ps -o rss= -p "$hpid" | awk '{ printf "%d KiB (%.1f MiB)", $1, $1 / 1024 }')"
else
    not_ok "keyswitch-firewall.service has no main process after the PING"
fi
echo "# security keyswitch-firewall: $(systemd-analyze security keyswitch-firewall.service 2>/dev/null | tail -n 1)"
check "IP forwarding is off for the host (net.ipv4.ip_forward=0; only ks<id> VPN interfaces forward)" \
    test "$(cat /proc/sys/net/ipv4/ip_forward)" = 0
check "the forward table is loaded with its connection sets, empty" sh -c \
    'nft list set inet keyswitch_connections out_ranges | grep -q "flags interval" && ! nft list table inet keyswitch_connections | grep -q elements'
# -- what the portal's HTTP listeners may keep (payara-listeners.asadmin; docs/develop/benchmarks.md "Connection flood")
domain=/var/lib/keyswitch/payara/runtime/config/domain.xml
check "the portal started with its pre-boot commands (--prebootcommandfile)" \
    sh -c "tr '\\0' ' ' < /proc/$pid/cmdline | grep -q -- '--prebootcommandfile /var/lib/keyswitch/payara/preboot.asadmin'"
check "the pre-boot commands are the neutral server's and the listener bounds" sh -c \
    'cat /opt/keyswitch/payara-preboot.asadmin /usr/local/lib/keyswitch/payara-listeners.asadmin | cmp -s - /var/lib/keyswitch/payara/preboot.asadmin'
# has ELEMENT ATTRIBUTE=VALUE: an element of Payara's domain.xml (attributes in any order) has it
has() { grep -E "<$1[ >]" "$domain" | grep -q "$2"; }
check "Payara's HTTP thread pool: at most 16 threads" has 'thread-pool name="http-thread-pool"' 'max-thread-pool-size="16"'
check "Payara's HTTP thread pool: at most 64 waiting" has 'thread-pool name="http-thread-pool"' 'max-queue-size="64"'
check "HTTPS listener: HTTP/2 off" has http 'http2-enabled="false"'
check "HTTP(S) listeners: keep-alive 5 s" has http 'timeout-seconds="5"'
check "HTTPS listener: at most 1000 TLS sessions kept" has ssl 'tls-session-cache-size="1000"'
check "HTTPS listener: TLS sessions kept 300 s" has ssl 'tls-session-timeout="300"'
check "HTTPS listener: a TLS handshake within 10 s" has ssl 'handshake-timeout-millis="10000"'
check "the portal answers HTTP/1.1 even when HTTP/2 is asked for" \
    sh -c "test \"\$(curl -sk --http2 -o /dev/null -w '%{http_version}' --max-time 60 https://127.0.0.1/login.xhtml)\" = 1.1"

# -- what the portal needs to run its OpenVPN servers (docs/develop/vpn-core.md "What the appliance does")
check "the polkit rule for keyswitch is installed" test -s /etc/polkit-1/rules.d/50-keyswitch-openvpn.rules
check "portal.env: KEYSWITCH_VPN_SYSTEMCTL=systemctl" grep -qx 'KEYSWITCH_VPN_SYSTEMCTL=systemctl' /etc/keyswitch/portal.env
check "portal.env does not pin KEYSWITCH_VPN_PUBLIC_HOST (profiles dial the setup wizard's DNS name)" sh -c '! grep -q "^KEYSWITCH_VPN_PUBLIC_HOST=" /etc/keyswitch/portal.env'
check "/etc/openvpn/server is root:keyswitch 0775" test "$(stat -c '%U:%G %a' /etc/openvpn/server)" = "root:keyswitch 775"
check "/etc/openvpn/server has a default ACL (files get the mode the portal asks for, not its umask)" \
    sh -c "getfacl -cp /etc/openvpn/server | grep -qx 'default:other::r-x'"
check "/run/keyswitch is root:keyswitch 0750" test "$(stat -c '%U:%G %a' /run/keyswitch)" = "root:keyswitch 750"
check "/run/keyswitch/openvpn is root:keyswitch 2770" test "$(stat -c '%U:%G %a' /run/keyswitch/openvpn)" = "root:keyswitch 2770"
check "openvpn-server@ drop-in: UMask 0007" test "$(systemctl show -p UMask --value openvpn-server@acct-999.service)" = 0007
check "openvpn-server@ drop-in: the root check of the portal's config before OpenVPN starts (ExecStartPre)" \
    sh -c "systemctl show -p ExecStartPre --value openvpn-server@acct-999.service | grep -q '/usr/local/sbin/keyswitch-openvpn-check acct-999 /run/keyswitch-openvpn/acct-999/server.conf'"
check "openvpn-server@ drop-in: OpenVPN reads the checked copy; --script-security 1 --user nobody after --config" \
    sh -c "systemctl show -p ExecStart --value openvpn-server@acct-999.service | grep -q -- '--config /run/keyswitch-openvpn/acct-999/server.conf --script-security 1 --user nobody --group nogroup'"
check "keyswitch-openvpn-check is root's and not writable by others" test "$(stat -c '%U %a' /usr/local/sbin/keyswitch-openvpn-check)" = "root 755"
check "openvpn-server@ drop-in: Type=exec (systemctl start must not wait for READY, sent only after hold release)" test "$(systemctl show -p Type --value openvpn-server@acct-999.service)" = exec
check "openvpn-server@ drop-in: ProtectSystem=strict" test "$(systemctl show -p ProtectSystem --value openvpn-server@acct-999.service)" = strict
check "/dev/net/tun exists (tun module)" test -c /dev/net/tun
# polkit, asked about the running portal process itself (pkcheck: exit 0 = authorized).
if [ "${pid:-0}" -gt 0 ]; then
    pk() { pkcheck --action-id org.freedesktop.systemd1.manage-units --process "$pid" --detail unit "$1" --detail verb "$2" >/dev/null 2>&1; }
    for verb in start stop restart; do
        check "polkit: the portal may $verb openvpn-server@acct-42.service" pk openvpn-server@acct-42.service "$verb"
    done
    pk_refused() { ! pk "$1" "$2"; }
    for case in "openvpn-server@acct-42.service reload" "openvpn-server@acct-42.service kill" \
        "openvpn-server@acct-42.service reload-or-restart" "openvpn-server@acct-x.service start" \
        "openvpn-server@other.service start" "openvpn-server@acct-42.service.d start" "openvpn-client@acct-42.service start" \
        "ssh.service start" "keyswitch-portal.service restart" "mariadb.service stop" "nftables.service stop" "polkit.service restart"; do
        check "polkit: the portal may not: ${case#* } ${case% *}" pk_refused "${case% *}" "${case#* }"
    done
fi
check "polkit.service is active (D-Bus activates it on the first question)" systemctl is-active --quiet polkit.service
# The same through systemctl and D-Bus, as user keyswitch: an inactive instance may be stopped
# (a no-op that polkit must allow first); any other unit is refused, and stays as it was.
check "as keyswitch, systemctl stop openvpn-server@acct-999.service is allowed" runuser -u keyswitch -- systemctl stop openvpn-server@acct-999.service
chrony_pid=$(systemctl show -p MainPID --value chrony.service)
refusal=$(runuser -u keyswitch -- systemctl restart chrony.service 2>&1 </dev/null) && refused=0 || refused=1
if [ "$refused" = 1 ] && printf '%s' "$refusal" | grep -Eq 'Access denied|[Ii]nteractive authentication required'; then
    ok "as keyswitch, systemctl restart chrony.service is refused by polkit ($refusal)"
else
    not_ok "as keyswitch, systemctl restart chrony.service was not refused by polkit (exit refused=$refused: $refusal)"
fi
check "chrony.service was not restarted" test "$(systemctl show -p MainPID --value chrony.service)" = "$chrony_pid"
refusal=$(runuser -u keyswitch -- systemctl stop openvpn-server@other.service 2>&1 </dev/null) && refused=0 || refused=1
if [ "$refused" = 1 ] && printf '%s' "$refusal" | grep -Eq 'Access denied|[Ii]nteractive authentication required'; then
    ok "as keyswitch, systemctl stop openvpn-server@other.service is refused by polkit"
else
    not_ok "as keyswitch, systemctl stop openvpn-server@other.service was not refused by polkit (refused=$refused: $refusal)"
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

# -- nothing of Payara shown: the start page answers while the portal starts, then steps aside
check "keyswitch-start-page.service is enabled (answers from boot on)" systemctl is-enabled --quiet keyswitch-start-page.service
check "the start page starts before the network" sh -c 'systemctl show -p Before --value keyswitch-start-page.service | grep -qw network-pre.target'
check "the portal is ready, so the start page has stopped" sh -c '! systemctl is-active --quiet keyswitch-start-page.service'
check "the portal is ready, so 443 and 80 are not redirected (no table keyswitch_start_page)" sh -c '! nft list table inet keyswitch_start_page >/dev/null 2>&1'
check "the portal runs with the pre-boot commands (no Server header, neutral error pages)" \
    grep -q 'server-header=false' /var/lib/keyswitch/payara/preboot.asadmin
check "the input chain accepts redirected connections by their original port only" \
    sh -c 'nft list chain inet keyswitch input | grep -q "ct status dnat ct original proto-dst .* accept"'

# -- figures (not assertions)
echo "# memory: $(awk '/^MemTotal/ { t = $2 } /^MemAvailable/ { a = $2 } END { printf "used %d MiB of %d MiB (MemTotal - MemAvailable)", (t - a) / 1024, t / 1024 }' /proc/meminfo)"
ps -eo rss=,comm= --sort=-rss | head -n 12 | awk '{ printf "# rss: %-24s %6d MiB\n", $2, $1 / 1024 }'
echo "# boot: $(systemd-analyze time 2>/dev/null | head -n 1)"
finish
