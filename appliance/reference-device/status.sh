#!/usr/bin/env bash
# Keyswitch reference device: shows whether the tunnel is up, the router's NETMAP rules and the components.
# Usage: status.sh NAME
set -euo pipefail

if [ "$#" -ne 1 ]; then
    echo "usage: $0 NAME" >&2
    exit 2
fi
name="$1"
case "$name" in
    *[!a-z0-9]* | "" | ?????????*) echo "NAME must be 1-8 of [a-z0-9]" >&2; exit 2 ;;
esac
run="/run/keyswitch-reference-device/${name}"

echo "Tunnel of ksdev-${name}"
ip -n "ksdev-${name}" -brief addr show type tun || true
echo "Last OpenVPN log lines"
tail -n 5 "$run/openvpn.log" || true
echo "NETMAP rules"
ip netns exec "ksdev-${name}" nft list ruleset
echo "Components listening in ksdev-${name}-lan"
ip netns exec "ksdev-${name}-lan" ss -ltn
