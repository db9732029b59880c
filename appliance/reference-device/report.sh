#!/usr/bin/env bash
# Keyswitch reference device: the report loop a router runs beside (or instead of) its tunnel. Every INTERVAL seconds,
# and at once when input.sh switches an input, it POSTs in1 (the key switch), in2 and usb (as input.sh set them), its
# uptime and a value that changes (a temperature) to the portal's device reports with the device's identity and
# secret, and prints the answer. For a device made by up.sh it reports from the router namespace: over the tunnel
# while the tunnel is up (to the VPN server's tunnel address), else over the WAN to the portal's public port; and it
# follows the answer's tunnel wish: "wanted" dials the tunnel (tunnel.sh up), "not-needed" hangs it up (the key
# switch turned off, nobody connected). See docs/integrate/device-api.md.
# Usage: report.sh NAME URL AUTH_FILE [INTERVAL]
#   URL        the portal, e.g. https://portal.example.com (its name is what TLS checks)
#   AUTH_FILE  two lines, the device's identity (device-42) and its secret, as up.sh takes them (mode 0600)
#   INTERVAL   seconds between reports (default 60); 0: report once and stop
# Optional environment:
#   KEYSWITCH_CACERT  a CA file to check the portal's certificate with (default: the system's CAs)
#   KS_REMOTE         IPv4 address to dial for the URL's host over the WAN (default: resolve the name)
#   KS_TUNNEL=keep    leave the tunnel as it is, whatever the answer says (default: follow the answer)
set -euo pipefail

if [ "$#" -lt 3 ] || [ "$#" -gt 4 ]; then
    echo "usage: $0 NAME URL AUTH_FILE [INTERVAL]" >&2
    exit 2
fi
name="$1" url="${2%/}" auth="$3" interval="${4:-60}"
case "$name" in
    *[!a-z0-9]* | "" | ?????????*) echo "NAME must be 1-8 of [a-z0-9]" >&2; exit 2 ;;
esac
case "$interval" in
    *[!0-9]* | "") echo "INTERVAL must be a whole number of seconds" >&2; exit 2 ;;
esac
[[ "$url" =~ ^https://([^/:]+)(:([0-9]+))?$ ]] || { echo "URL must be https://HOST[:PORT]" >&2; exit 2; }
host="${BASH_REMATCH[1]}"
port="${BASH_REMATCH[3]:-443}"
identity="$(sed -n 1p "$auth")"
secret="$(sed -n 2p "$auth")"
if [ -z "$identity" ] || [ -z "$secret" ]; then
    echo "${auth} must hold the identity and the secret on two lines" >&2
    exit 2
fi
folder="${KEYSWITCH_REFERENCE_STATE:-/run/keyswitch-reference-device}/${name}"
state="${folder}/inputs"
here="$(dirname "$(realpath "$0")")"
tls=()
if [ -n "${KEYSWITCH_CACERT:-}" ]; then
    tls=(--cacert "$KEYSWITCH_CACERT")
fi
# a device made by up.sh reports from its router namespace, as a router would
router=()
if ip netns list 2>/dev/null | grep -qw "ksdev-${name}"; then
    router=(ip netns exec "ksdev-${name}")
fi
mkdir -p "$folder"
echo "$$" > "${folder}/report.pid"
# input.sh wakes the loop (SIGUSR1) so that a switched input is reported at once, not at the next interval
woken=0
trap 'woken=1' USR1

# the value of an input from the state file, or its default
input() {
    local value
    value="$(sed -n "s/^$1=//p" "$state" 2>/dev/null | tail -n 1)"
    echo "${value:-$2}"
}

# the VPN server's address in the tunnel (the first address of the tunnel's subnet), or nothing while it is down
tunnel_gateway() {
    local cidr ip prefix a b c d n mask
    [ "${#router[@]}" -gt 0 ] || return 0
    # OpenVPN's interface is tun0, tun1, …: "type tun" would list every interface while there is none of that type
    cidr="$(ip -n "ksdev-${name}" -4 -o addr show 2>/dev/null | awk '$2 ~ /^tun/ {print $4; exit}')"
    [ -n "$cidr" ] || return 0
    ip="${cidr%/*}" prefix="${cidr#*/}"
    IFS=. read -r a b c d <<<"$ip"
    n=$(( (a << 24) | (b << 16) | (c << 8) | d ))
    mask=$(( prefix == 0 ? 0 : (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF ))
    n=$(( (n & mask) + 1 ))
    echo "$(( (n >> 24) & 255 )).$(( (n >> 16) & 255 )).$(( (n >> 8) & 255 )).$(( n & 255 ))"
}

started="$(date +%s)"
count=0
echo "Reporting ${identity} to ${url} every ${interval} s and when an input switches (inputs from ${state})"
while true; do
    woken=0
    in1=false in2=false
    [ "$(input in1 off)" = on ] && in1=true
    [ "$(input in2 off)" = on ] && in2=true
    usb="$(input usb removed)"
    uptime=$(( $(date +%s) - started ))
    temperature="2$(( count % 10 )).5"
    body="{\"system\": {\"in1\": ${in1}, \"in2\": ${in2}, \"usb\": \"${usb}\", \"uptime\": ${uptime}},"
    body="${body} \"values\": [{\"name\": \"temperature\", \"value\": ${temperature}, \"unit\": \"°C\"}]}"
    gateway="$(tunnel_gateway)"
    route=() path="wan"
    if [ -n "$gateway" ]; then
        route=(--connect-to "${host}:${port}:${gateway}:${port}") path="tunnel ${gateway}"
    elif [ -n "${KS_REMOTE:-}" ]; then
        route=(--connect-to "${host}:${port}:${KS_REMOTE}:${port}") path="wan ${KS_REMOTE}"
    fi
    # the secret goes to curl on stdin (a config line), never on the command line
    if answer="$(printf 'user = "%s:%s"\n' "$identity" "$secret" | "${router[@]}" curl --silent --show-error \
            --fail-with-body --max-time 10 --config - "${tls[@]}" "${route[@]}" -H 'Content-Type: application/json' \
            --data "$body" "${url}/api/v1/device-reports" 2>&1)"; then
        echo "$(date -u +%FT%T.%3NZ) in1=${in1} in2=${in2} usb=${usb} temperature=${temperature} via ${path}: ${answer}"
        if [ "${#router[@]}" -gt 0 ] && [ "${KS_TUNNEL:-follow}" != keep ]; then
            case "$answer" in
                *'"tunnel":"wanted"'*) [ -n "$gateway" ] || "$here/tunnel.sh" "$name" up ;;
                *'"tunnel":"not-needed"'*) [ -z "$gateway" ] || "$here/tunnel.sh" "$name" down ;;
            esac
        fi
    else
        echo "$(date -u +%FT%T.%3NZ) report via ${path} refused or portal unreachable: ${answer:-no answer}" >&2
    fi
    count=$(( count + 1 ))
    if [ "$interval" -eq 0 ]; then
        break
    fi
    if [ "$woken" = 1 ]; then
        continue # an input switched while this report was on its way
    fi
    sleep "$interval" &
    wait $! || kill $! 2>/dev/null || true
done
