#!/usr/bin/env bash
# Benchmark (issue 2): time from the Quick start command to "Keyswitch ready", time to the first
# 200 of the login page, and the portal's RSS after 100 page views, with -Xmx256m -XX:+UseSerialGC.
# Runs the real Quick start command against a fresh KEYSWITCH_HOME on loopback, then stops it.
# Usage: webapp/bench/portal-start.sh [page views, default 100]
set -euo pipefail
cd "$(dirname "$0")/../.."

views="${1:-100}"
home="$(mktemp -d /var/tmp/keyswitch-bench.XXXXXX)"
out="$home/console.log"
export KEYSWITCH_HOME="$home" KEYSWITCH_HEAP=256m
export KEYSWITCH_HTTPS_PORT="${KEYSWITCH_HTTPS_PORT:-18443}" KEYSWITCH_HTTP_PORT="${KEYSWITCH_HTTP_PORT:-18080}"
url="https://localhost:$KEYSWITCH_HTTPS_PORT/login.xhtml"

echo "Building once so that the measurement is of a warm Maven cache ..."
mvn -q -B -DskipTests package

now_ms() { date +%s%3N; }
echo "Starting: mvn -q -Prun -DskipTests package (KEYSWITCH_HOME=$home)"
start=$(now_ms)
# A new session whose SIGINT is not ignored, as in a terminal, so that Ctrl-C can be sent to it.
python3 -c 'import os, signal; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp("mvn", ["mvn", "-q", "-Prun", "-DskipTests", "package"])' > "$out" 2>&1 &
launcher=$!
stop() {
    kill -INT -- "-$launcher" 2>/dev/null || true   # what Ctrl-C does
    for _ in $(seq 1 60); do kill -0 "$launcher" 2>/dev/null || break; sleep 1; done
    if kill -0 "$launcher" 2>/dev/null; then
        echo "Ctrl-C did not stop the portal within 60 s" >&2
        kill -KILL -- "-$launcher" 2>/dev/null || true
    fi
    rm -rf "$home"
}
trap stop EXIT

first200=""
until grep -q "Keyswitch ready" "$out"; do
    if [[ -z "$first200" ]] && [[ "$(curl -sk -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]]; then
        first200=$(( $(now_ms) - start ))
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then cat "$out"; echo "the portal did not start" >&2; exit 1; fi
    sleep 0.2
done
ready=$(( $(now_ms) - start ))
[[ -n "$first200" ]] || first200="$ready"

pid="$(pgrep -f -- "--rootdir $home/payara/runtime" | head -1)"
db_pid="$(pgrep -f -- "--datadir=$home/db/data" | head -1)"
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
rss_ready=$(rss "$pid")

jar="$home/cookies"
for _ in $(seq 1 "$views"); do
    curl -sk -c "$jar" -b "$jar" -o /dev/null "$url"
done
rss_after=$(rss "$pid")

echo
echo "command to 'Keyswitch ready':   $(awk "BEGIN {printf \"%.1f\", $ready/1000}") s"
echo "command to first 200 of login:  $(awk "BEGIN {printf \"%.1f\", $first200/1000}") s"
echo "portal RSS when ready:          ${rss_ready} MiB"
echo "portal RSS after $views page views: ${rss_after} MiB  (Payara Micro, -Xmx256m -XX:+UseSerialGC)"
echo "embedded MariaDB RSS:           $(rss "$db_pid") MiB"
grep "Keyswitch ready" "$out"
