# Source: IEC 62443-3-3 SR 5.1, 5.2 (zone boundary protection); ARCHITECTURE.md (nftables: default drop in).
# shellcheck shell=sh
# Control: the nftables ruleset (/etc/nftables.conf: input drop by default, 80, 443 and the VPN
# ports open; /etc/keyswitch/nftables-forward.nft: forward drop but for technician connections'
# rules) is valid and loaded at every boot.
echo "hardening: nftables: check /etc/nftables.conf and enable nftables.service"
nft -c -f /etc/nftables.conf
systemctl enable nftables.service >/dev/null
