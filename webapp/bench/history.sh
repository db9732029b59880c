#!/usr/bin/env bash
# Benchmark (issue 14): fills an embedded MariaDB with the data point history of many devices (default 20,000; the
# first argument changes it) — 30 days of raw values every 15 minutes and their hourly aggregates — and times a data
# point's history over 30 days through the API on loopback (hourly aggregates, raw values, a year by day, the CSV
# export), with the portal in a 256 MiB heap. Starts and stops its own embedded MariaDB and portal in a fresh folder
# under /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
devices="${1:-20000}"
work="$(mktemp -d /var/tmp/keyswitch-history-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running with $devices devices (work folder $work) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.HistoryBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" "$devices" 2>&1 \
    | grep -v -e '^SLF4J' -e 'Commons Logging'
