#!/usr/bin/env bash
# Benchmark (issue 16, SIEM forwarding): does forwarding keep up with 1,000 audit events a second? The real portal
# (default settings, 256 MiB heap) forwards to a real rsyslog on loopback over TCP and TLS; a CSV import records
# 10,000 events in one transaction (capacity), then 8 API clients create projects for 30 s (delay from record to
# rsyslog). Needs rsyslogd and rsyslog-gnutls (apt-get install rsyslog rsyslog-gnutls); starts and stops its own
# embedded MariaDB, portal and rsyslog in a fresh folder under /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /var/tmp/keyswitch-siem-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running (work folder $work) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.SiemForwardingBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" 2>&1 \
    | grep -v -e '^SLF4J' -e 'Commons Logging'
