#!/usr/bin/env bash
# Benchmark (issue 14, offline detection): 1,000 devices that reported stop at once; an account-wide "device offline"
# rule and a mail alarm group; the time until the 1,000 alarms are raised and their 1,000 mails reach an SMTP server
# (GreenMail on loopback), with the portal's default settings in a 256 MiB heap. Goal: report interval × 3 + 60 s.
# Starts and stops its own embedded MariaDB and portal in a fresh folder under /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /var/tmp/keyswitch-alarm-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running (work folder $work) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.OfflineAlarmBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" 2>&1 \
    | grep -v -e '^SLF4J' -e 'Commons Logging'
