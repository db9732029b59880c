#!/usr/bin/env bash
# Benchmark (issue 14, "Ingestion"): 20,000 routers each reporting 5 values every 60 s (333 reports a second, each on a
# new HTTPS connection with Basic authentication) through the real portal for 10 minutes, a minute at a time: answered/s
# and latency per minute (a growing backlog shows as later minutes answering later), the portal's CPU share, heap after
# a full GC and the history's bytes per device-day. The load generator runs on the same machine as the portal.
# Usage: webapp/bench/ingestion.sh [devices] [seconds] [reports/s] [heap]   (defaults: 20000 600 333 384m)
# KEYSWITCH_BENCH_KEEP_ALIVE=1: connections kept open, no TLS handshake per report (the report path alone).
# The generator does its side of each handshake in BoringSSL (Conscrypt): real routers do theirs on their own
# processors, and the JDK's client side cost as much processor time as the portal's side (docs/develop/benchmarks.md).
# KEYSWITCH_BENCH_CLIENT_TLS=jdk: the generator's handshakes in the JDK's TLS, as in the figures before 2026-12-06.
set -euo pipefail
cd "$(dirname "$0")"
devices="${1:-20000}"
seconds="${2:-600}"
rate="${3:-333}"
heap="${4:-384m}"
KEYSWITCH_BENCH_INGESTION_SECONDS="$seconds" KEYSWITCH_BENCH_REPORTS_PER_SECOND="$rate" \
    exec ./portal-management-load.sh "$devices" 200 0 "$heap" 1
