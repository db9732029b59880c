# shellcheck shell=sh
# Step 60: wait until the portal answers, then show its address, its certificate's SHA-256
# fingerprint and the one-time setup code on tty1 and the serial port. The code is written to the
# terminals directly, never to the journal (this step's stdout goes to the journal).
. /usr/local/lib/keyswitch/common.sh

echo "  waiting for the portal to answer on https://127.0.0.1/login.xhtml"
i=0
until [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 10 https://127.0.0.1/login.xhtml 2>/dev/null)" = 200 ]; do
    i=$((i + 5)); [ "$i" -le 1500 ] || { echo "  the portal did not answer in 25 minutes" >&2; exit 1; }
    systemctl is-failed --quiet keyswitch-portal.service && { echo "  keyswitch-portal.service failed" >&2; exit 1; }
    sleep 5
done
echo "  the portal answers"
i=0
until [ -s "$SETUP_CODE_FILE" ] || [ "$i" -ge 120 ]; do sleep 2; i=$((i + 2)); done
address=$(primary_ipv4)
code=$(setup_code || true)
if [ -n "$code" ]; then
    echo "  setup code issued (shown on the console)"
    line=$(printf 'Setup code (one-time): %s\nSetup: https://%s/setup.xhtml' "$code" "${address:-no-address}")
else
    echo "  the portal issued no setup code (no $SETUP_CODE_FILE)"
    line="Setup code: none issued by the portal"
fi
sha256=$(certificate_sha256)
banner=$(printf '\n==== Keyswitch is ready ====\nAddress: https://%s/\nCertificate SHA-256: %s\n%s\nKEYSWITCH-READY address=%s\n============================\n' \
    "${address:-no-address}" "${sha256:-unknown}" "$line" "${address:-none}")
# Written by a subshell (same command line as this script), so the code never appears in any
# process's arguments; given 5 s, as a serial port without a reader may block.
for tty in /dev/tty1 /dev/ttyS0; do
    [ -c "$tty" ] || continue
    (printf '%s\n' "$banner" > "$tty") 2>/dev/null &
    writer=$!
    i=0
    while kill -0 "$writer" 2>/dev/null && [ "$i" -lt 5 ]; do sleep 1; i=$((i + 1)); done
    kill "$writer" 2>/dev/null || true
done
