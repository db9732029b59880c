#!/usr/bin/env bash
# Benchmark (issue 16, SIEM forwarding): does forwarding keep up with a sustained 1,000 audit events a second? The real
# portal (default keyswitch.siem.* settings, 256 MiB heap, its own embedded MariaDB) forwards to a real rsyslog on
# loopback over TCP (RFC 6587 octet counting) and TLS (RFC 5425); 6 accounts' administrators import devices through
# POST /api/v1/devices/import, 250 a request (one device.import audit event each), one request every 250 ms (at the
# default rate): 1,000 events a second for 60 s. Every 10 s: events recorded and received by each input, the backlog;
# then lost events, delays (from the record and from the import's answer) and the drain time.
# Needs rsyslogd and rsyslog-gnutls. Loads both cores: run it under flock /tmp/keyswitch-system.lock.
# Usage: webapp/bench/siem-throughput.sh [seconds, default 60] [events per second, default 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
rate="${2:-1000}"
work="$(mktemp -d /var/tmp/keyswitch-siem-throughput.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running $rate events/s for $seconds s (work folder $work; load $(cut -d' ' -f1-3 /proc/loadavg)) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.SiemForwardingBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" \
    throughput "$seconds" "$rate" 2>&1 | grep --line-buffered -v -e '^SLF4J' -e 'Commons Logging'
