#!/usr/bin/env bash
# Management-protocol load through the real portal (issue 5, "Speed and scale"): Payara Micro with the WAR in the
# appliance's heap, MariaDB, 20,000 devices seeded in SQL; a stand-in for OpenVPN's side of the instance's management
# socket drives them through CONNECT/ENV, ESTABLISHED and DISCONNECT and measures decisions/s, latency, heap and the
# time until the database says all are online. Starts and stops its own MariaDB and portal in /var/tmp.
# Usage: webapp/bench/portal-management-load.sh [devices] [window] [steady reconnects] [heap] [steady rate/s]
#        (defaults: 20000 200 10000 384m 2000)
# KEYSWITCH_BENCH_STACKS=<folder>: jcmd Thread.print samples of the portal during the storm and the status writes;
# KEYSWITCH_BENCH_PORTAL_PROPERTIES="keyswitch.vpn.decision-threads=4": other portal settings to try.
# KEYSWITCH_BENCH_PORTAL_JVM="-XX:..": more JVM options for the portal.
# KEYSWITCH_BENCH_REPORTS_PER_SECOND=333: routers report over POST /api/v1/device-reports meanwhile (20,000 every 60 s),
# each on a new HTTPS connection; the generator's side of the handshakes in BoringSSL (KEYSWITCH_BENCH_CLIENT_TLS=jdk:
# in the JDK's TLS, as before 2026-12-06), the portal's in the JDK's TLS.
set -euo pipefail
cd "$(dirname "$0")/../.."
devices="${1:-20000}"
window="${2:-200}"
steady="${3:-10000}"
heap="${4:-384m}"
rate="${5:-2000}"
work="$(mktemp -d /var/tmp/keyswitch-vpn-load.XXXXXX)"
# The portal's log stays for reading afterwards: webapp/target/bench-portal.log
trap 'cp "$work/home/logs/payara.log" webapp/target/bench-portal.log 2>/dev/null || true; rm -rf "$work"' EXIT
echo "Building the WAR and the tests (no test run)"
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Running: ${devices} devices, window ${window}, ${steady} reconnects at ${rate}/s, portal -Xmx${heap} (work folder $work)"
java -Xmx512m -Dkeyswitch.launcher.jvm-options="${KEYSWITCH_BENCH_PORTAL_JVM:-}" -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.vpn.bench.PortalManagementLoadBenchmark webapp/target/keyswitch.war webapp/target/payara-micro.jar \
    "$work" "$devices" "$window" "$steady" "$heap" "$rate" 2>&1 | grep -v -e '^SLF4J' -e 'Commons Logging'
