# Test of appliance/hardening/nftables.sh: default-drop firewall, loaded at boot.
# shellcheck shell=sh
f=/etc/nftables.conf
check "nftables.service is enabled" test -L "$ROOT/etc/systemd/system/sysinit.target.wants/nftables.service"
check "$f: input policy drop" sh -c "awk '/chain input/,/}/' '$ROOT$f' | grep -q 'policy drop;'"
check "$f: forward policy drop" sh -c "awk '/chain forward/,/}/' '$ROOT$f' | grep -q 'policy drop;'"
check "$f: 80 and 443/tcp open" file_has "$f" 'tcp dport \{ 80, 443 \} accept'
check "$f: OpenVPN 1194-1293/udp open" file_has "$f" 'udp dport 1194-1293 accept'
# Every "dport" in the ruleset, in order: the portal, OpenVPN, and the DHCP/DHCPv6 client replies.
dports=$(grep -Eo '(tcp|udp) dport [^ ]+( [^a-z ]+)*' "$ROOT$f" | grep -Eo '(tcp|udp) dport .*' | tr '\n' ';')
check "$f: connections the start page's redirect made are accepted by their original port (80, 443) only" \
    file_has "$f" 'meta l4proto tcp ct status dnat ct original proto-dst \{ 80, 443 \} accept'
check "$f: no other port opened (found: $dports)" test "$dports" = 'udp dport 68;udp dport 546;tcp dport { 80, 443 };udp dport 1194-1293;'

if live; then
    check "loaded ruleset: input policy drop" sh -c 'nft list chain inet keyswitch input | grep -q "policy drop;"'
    check "loaded ruleset: forward policy drop" sh -c 'nft list chain inet keyswitch forward | grep -q "policy drop;"'
fi
finish
