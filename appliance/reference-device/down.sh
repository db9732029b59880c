#!/usr/bin/env bash
# Keyswitch reference device: tears down what up.sh NAME made (processes by their PID files, namespaces,
# the host's masquerade table). Safe to run twice.
# Usage: down.sh NAME
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

for what in report openvpn components; do
    if [ -s "$run/${what}.pid" ]; then
        pid="$(cat "$run/${what}.pid")"
        echo "Stopping ${what} (pid ${pid})"
        kill "$pid" 2>/dev/null || true
    fi
done

for ns in "ksdev-${name}" "ksdev-${name}-lan"; do
    if ip netns list | grep -qw "$ns"; then
        echo "Deleting namespace ${ns}"
        ip netns del "$ns"
    fi
done

if nft list table ip "ksdev_${name}" >/dev/null 2>&1; then
    echo "Deleting the host's masquerade table ksdev_${name}"
    nft delete table ip "ksdev_${name}"
fi

echo "Removing ${run}"
rm -rf "$run"
echo "Reference device ${name} is down"
