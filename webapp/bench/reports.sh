#!/usr/bin/env bash
# Benchmark (issue 16, "Figures"): reports with 10 million audit events and 1 million connection records — the first
# page (50 rows) with each filter (none, period, account, user, device, project), goal p95 < 1 s, and a full CSV
# export, goal >= 50,000 rows/s with the portal's heap flat (jcmd GC.heap_info before, every second during, after).
#
#   webapp/bench/reports.sh
#       starts its own embedded MariaDB and portal (256 MiB heap) in a fresh folder under /var/tmp, fills them with
#       webapp/bench/seed-reports.sh, then times the report API (GET /api/v1/reports/{kind}?…&limit=50 and …/csv for
#       the kinds connections and user-protocol) if the portal has it; its stand-ins — the audit and connections APIs,
#       the report queries' SQL shapes with their plans (with and without V39's indexes), a keyed CSV export over JDBC,
#       the insert cost of V39's indexes — when it has not, or with KEYSWITCH_BENCH_STAND_INS=1. Takes 10-30 min and
#       both cores: run it under flock /tmp/keyswitch-system.lock.
#   webapp/bench/reports.sh --url https://host:port/api/v1 --token ks_… [--pid portal-pid] [--account id] [--user id]
#                           [--device id] [--project id]
#       times only the report API of a running portal (filled with seed-reports.sh), its heap through jcmd if --pid.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /var/tmp/keyswitch-reports-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
cp="webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")"
if [[ "${1:-}" == "--url" ]]; then
    java -cp "$cp" io.keyswitch.bench.ReportsBench "$@" 2>&1 | grep --line-buffered -v -e '^SLF4J' -e 'Commons Logging'
else
    echo "Running (work folder $work; load $(cut -d' ' -f1-3 /proc/loadavg)) ..."
    java -Dkeyswitch.bench.stand-ins="${KEYSWITCH_BENCH_STAND_INS:+true}" -cp "$cp" io.keyswitch.bench.ReportsBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" \
        webapp/bench/seed-reports.sh 2>&1 | grep --line-buffered -v -e '^SLF4J' -e 'Commons Logging'
fi
