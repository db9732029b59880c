#!/usr/bin/env bash
# Keyswitch reference device: switches an input the report loop (report.sh) sends — in1 (the key switch) and in2
# on/off, the USB stick plugged/removed — by writing it to the device's small state file, and wakes the report loop
# so that the change is reported at once.
# Usage: input.sh NAME in1|in2 on|off
#        input.sh NAME usb plugged|removed
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 NAME in1|in2 on|off  |  $0 NAME usb plugged|removed" >&2
    exit 2
fi
name="$1" input="$2" value="$3"
case "$name" in
    *[!a-z0-9]* | "" | ?????????*) echo "NAME must be 1-8 of [a-z0-9]" >&2; exit 2 ;;
esac
case "$input:$value" in
    in1:on | in1:off | in2:on | in2:off | usb:plugged | usb:removed) ;;
    *) echo "in1/in2 take on or off; usb takes plugged or removed" >&2; exit 2 ;;
esac
state="${KEYSWITCH_REFERENCE_STATE:-/run/keyswitch-reference-device}/${name}/inputs"
mkdir -p "$(dirname "$state")"
touch "$state"
echo "Setting ${input} of ${name} to ${value} (${state})"
grep -v "^${input}=" "$state" > "${state}.new" || true
echo "${input}=${value}" >> "${state}.new"
mv "${state}.new" "$state"
loop="$(dirname "$state")/report.pid"
if [ -s "$loop" ] && kill -USR1 "$(cat "$loop")" 2>/dev/null; then
    echo "Woke the report loop (pid $(cat "$loop")): reported now"
fi
