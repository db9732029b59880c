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
check "$f: OpenVPN 1194-1293/udp open" file_has "$f" 'udp dport 1194-1293 accept'
# Every "dport" in the ruleset, in order: the portal, OpenVPN, and the DHCP/DHCPv6 client replies.
dports=$(grep -Eo '(tcp|udp) dport [^ ]+( [^a-z ]+)*' "$ROOT$f" | grep -Eo '(tcp|udp) dport .*' | tr '\n' ';')
check "$f: no other port opened (found: $dports)" test "$dports" = 'udp dport 68;udp dport 546;tcp dport { 80, 443 };udp dport 1194-1293;'

if live; then
    check "loaded ruleset: input policy drop" sh -c 'nft list chain inet keyswitch input | grep -q "policy drop;"'
    check "loaded ruleset: forward policy drop" sh -c 'nft list chain inet keyswitch_connections forward | grep -q "policy drop;"'
    check "loaded ruleset: the connection sets exist (empty before any connection)" sh -c \
        'nft list set inet keyswitch_connections out | grep -q counter && nft list set inet keyswitch_connections out_ranges | grep -q "flags interval"'
fi
finish
