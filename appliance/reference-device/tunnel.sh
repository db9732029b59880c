#!/usr/bin/env bash
# Keyswitch reference device: brings the router's OpenVPN tunnel up or down (the client in the router namespace,
# with the profile and credentials up.sh keeps in the device's run folder). report.sh calls it when the portal's
# answer to a report says the tunnel is wanted or not; up.sh calls it unless the tunnel is on demand. Safe to repeat.
# Usage: tunnel.sh NAME up|down
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 NAME up|down" >&2
    exit 2
fi
name="$1" wish="$2"
case "$name" in
    *[!a-z0-9]* | "" | ?????????*) echo "NAME must be 1-8 of [a-z0-9]" >&2; exit 2 ;;
esac
run="/run/keyswitch-reference-device/${name}"
pid=""
if [ -s "$run/openvpn.pid" ] && kill -0 "$(cat "$run/openvpn.pid")" 2>/dev/null; then
    pid="$(cat "$run/openvpn.pid")"
fi

case "$wish" in
    up)
        if [ -n "$pid" ]; then
            echo "Tunnel of ${name} is up already (OpenVPN pid ${pid})"
            exit 0
        fi
        if [ ! -f "$run/device.ovpn" ] || [ ! -f "$run/device.auth" ]; then
            echo "${name} is not set up: run up.sh first" >&2
            exit 1
        fi
        echo "Starting the OpenVPN client in ksdev-${name}"
        ip netns exec "ksdev-${name}" openvpn --config "$run/device.ovpn" --auth-user-pass "$run/device.auth" \
            --daemon "ksdev-${name}" --log-append "$run/openvpn.log" --writepid "$run/openvpn.pid"
        ;;
    down)
        if [ -z "$pid" ]; then
            echo "Tunnel of ${name} is down already"
            exit 0
        fi
        echo "Stopping the OpenVPN client of ${name} (pid ${pid})"
        kill "$pid"
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        rm -f "$run/openvpn.pid"
        ;;
    *) echo "say up or down" >&2; exit 2 ;;
esac
