#!/usr/bin/env bash
# Benchmark (issue 16, the devices report): fills an embedded MariaDB with many devices (default 20,000; the first
# argument changes it) in 100 projects, 30 days of presence changes (60 per device), 50 connections and 10 alarms per
# device, and times the devices report's pages with each filter, its totals and a CSV export of every row through the
# portal on loopback, with the portal in a 256 MiB heap. Starts and stops its own embedded MariaDB and portal in a
# fresh folder under /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
devices="${1:-20000}"
work="$(mktemp -d /var/tmp/keyswitch-devices-report-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running with $devices devices (work folder $work) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.DevicesReportBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" "$devices" 2>&1 \
    | grep -v -e '^SLF4J' -e 'Commons Logging'
