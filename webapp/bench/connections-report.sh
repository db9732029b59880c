#!/usr/bin/env bash
# Benchmark (issue 16): fills an embedded MariaDB with connection records (default 1,000,000; the first argument
# changes it) — 90 % in one account with 200 devices in 10 projects and 20 technicians, one record a minute — and times
# the connections report through the API on loopback: the first page with each filter, a page deep in the list, the
# totals of 30 days and the whole account's CSV export, with the portal in a 256 MiB heap. Starts and stops its own
# embedded MariaDB and portal in a fresh folder under /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
records="${1:-1000000}"
work="$(mktemp -d /var/tmp/keyswitch-connection-report-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running with $records connection records (work folder $work) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.ConnectionReportBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" "$records" 2>&1 \
    | grep -v -e '^SLF4J' -e 'Commons Logging'
