#!/usr/bin/env bash
# Keyswitch reference device: the report loop a router runs beside (or instead of) its tunnel. Every INTERVAL
# seconds it POSTs in1, in2 and usb (as input.sh set them), its uptime and a value that changes (a temperature) to
# the portal's device reports with the device's identity and secret, and prints the answer: whether the tunnel is
# wanted. See docs/integrate/device-api.md.
# Usage: report.sh NAME URL AUTH_FILE [INTERVAL]
#   URL        the portal, e.g. https://portal.example.com
#   AUTH_FILE  two lines, the device's identity (device-42) and its secret, as up.sh takes them (mode 0600)
#   INTERVAL   seconds between reports (default 60); 0: report once and stop
# KEYSWITCH_CACERT: a CA file to check the portal's certificate with (default: the system's CAs).
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
identity="$(sed -n 1p "$auth")"
secret="$(sed -n 2p "$auth")"
if [ -z "$identity" ] || [ -z "$secret" ]; then
    echo "${auth} must hold the identity and the secret on two lines" >&2
    exit 2
fi
state="${KEYSWITCH_REFERENCE_STATE:-/run/keyswitch-reference-device}/${name}/inputs"
tls=()
if [ -n "${KEYSWITCH_CACERT:-}" ]; then
    tls=(--cacert "$KEYSWITCH_CACERT")
fi

# the value of an input from the state file, or its default
input() {
    local value
    value="$(sed -n "s/^$1=//p" "$state" 2>/dev/null | tail -n 1)"
    echo "${value:-$2}"
}

started="$(date +%s)"
count=0
echo "Reporting ${identity} to ${url} every ${interval} s (inputs from ${state})"
while true; do
    in1=false in2=false
    [ "$(input in1 off)" = on ] && in1=true
    [ "$(input in2 off)" = on ] && in2=true
    usb="$(input usb removed)"
    uptime=$(( $(date +%s) - started ))
    temperature="2$(( count % 10 )).5"
    body="{\"system\": {\"in1\": ${in1}, \"in2\": ${in2}, \"usb\": \"${usb}\", \"uptime\": ${uptime}},"
    body="${body} \"values\": [{\"name\": \"temperature\", \"value\": ${temperature}, \"unit\": \"°C\"}]}"
    # the secret goes to curl on stdin (a config line), never on the command line
    if answer="$(printf 'user = "%s:%s"\n' "$identity" "$secret" | curl --silent --show-error --fail-with-body \
            --config - "${tls[@]}" -H 'Content-Type: application/json' --data "$body" \
            "${url}/api/v1/device-reports")"; then
        echo "$(date -u +%FT%TZ) in1=${in1} in2=${in2} usb=${usb} temperature=${temperature}: ${answer}"
    else
        echo "$(date -u +%FT%TZ) report refused or portal unreachable: ${answer:-no answer}" >&2
    fi
    count=$(( count + 1 ))
    if [ "$interval" -eq 0 ]; then
        break
    fi
    sleep "$interval"
done
