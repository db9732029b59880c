# Test of appliance/hardening/nftables.sh: default-drop firewall, loaded at boot.
# shellcheck shell=sh
f=/etc/nftables.conf
check "nftables.service is enabled" test -L "$ROOT/etc/systemd/system/sysinit.target.wants/nftables.service"
check "$f: input policy drop" sh -c "awk '/chain input/,/}/' '$ROOT$f' | grep -q 'policy drop;'"
fwd=/etc/keyswitch/nftables-forward.nft
check "$f includes the forward path $fwd" file_has "$f" '^include "keyswitch/nftables-forward.nft"'
check "$fwd: forward policy drop" sh -c "awk '/chain forward/,/}/' '$ROOT$fwd' | grep -q 'policy drop;'"
check "$fwd: only ks<id> to ks<id> is looked at, no established/related shortcut" sh -c \
    "! grep -q 'ct state established' '$ROOT$fwd' && grep -q 'iifname \"ks\*\" oifname \"ks\*\" jump connections' '$ROOT$fwd'"
check "$f: 80 and 443/tcp open" file_has "$f" 'tcp dport \{ 80, 443 \} accept'
check "$f: 80 and 443/tcp: over 20 new connections a second from one address are dropped" \
    file_has "$f" 'tcp dport \{ 80, 443 \} ct state new update @portal_rate4 \{ ip saddr limit rate over 20/second burst 40 packets \} counter drop'
check "$f: 80 and 443/tcp: the same per IPv6 /64" \
    file_has "$f" 'update @portal_rate6 \{ ip6 saddr and ffff:ffff:ffff:ffff:: limit rate over 20/second burst 40 packets \} counter drop'
check "$f: 80 and 443/tcp: over 100 open connections from one address are refused" \
    file_has "$f" 'tcp dport \{ 80, 443 \} ct state new add @portal_conns4 \{ ip saddr ct count over 100 \} counter reject with tcp reset'
check "$f: the limits come before the rule that accepts the portal" \
    sh -c "grep -n 'portal_rate4 {\\|portal_conns6 {\\|accept comment \"portal\"' '$ROOT$f' | tail -n 1 | grep -q 'accept comment'"
check "$f: OpenVPN 1194-1293/udp open" file_has "$f" 'udp dport 1194-1293 accept'
# Every "dport" in the ruleset, in order: the portal, OpenVPN, and the DHCP/DHCPv6 client replies.
dports=$(grep -Eo '(tcp|udp) dport [^ ]+( [^a-z ]+)*' "$ROOT$f" | grep -Eo '(tcp|udp) dport .*' | tr '\n' ';')
check "$f: connections the start page's redirect made are accepted by their original port (80, 443) only" \
    file_has "$f" 'meta l4proto tcp ct status dnat ct original proto-dst \{ 80, 443 \} accept'
check "$f: no other port opened (found: $dports)" test "$dports" = 'udp dport 68;udp dport 546;tcp dport { 80, 443 };tcp dport { 80, 443 };tcp dport { 80, 443 };tcp dport { 80, 443 };tcp dport { 80, 443 };udp dport 1194-1293;'

if live; then
    check "loaded ruleset: input policy drop" sh -c 'nft list chain inet keyswitch input | grep -q "policy drop;"'
    check "loaded ruleset: forward policy drop" sh -c 'nft list chain inet keyswitch_connections forward | grep -q "policy drop;"'
    check "loaded ruleset: the connection sets exist (empty before any connection)" sh -c \
        'nft list set inet keyswitch_connections out | grep -q counter && nft list set inet keyswitch_connections out_ranges | grep -q "flags interval"'
    check "loaded ruleset: the portal's per-address limits" sh -c 'nft list chain inet keyswitch input | grep -q "update @portal_rate4 { ip saddr limit rate over 20/second burst 40 packets }"'
fi
finish
