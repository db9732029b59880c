#!/usr/bin/env bash
# Benchmark (issue 3): seeds one account with 20,000 devices, 100,000 components, 2,000 users and
# 200 groups, then times the device list, a name-prefix search and "what can this user reach"
# through the API on loopback, with the portal in a 256 MiB heap. Starts and stops its own
# embedded MariaDB and portal in a fresh folder under /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /var/tmp/keyswitch-admin-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building ..."
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Running (work folder $work) ..."
java -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.bench.AdministrationBench webapp/target/keyswitch.war webapp/target/payara-micro.jar "$work" 2>&1 \
    | grep -v -e '^SLF4J' -e 'Commons Logging'
