#!/bin/sh -eu
# Connection flood benchmark (issue 12, Medium 8): GET /api/v1/devices, each request on a new TLS
# connection with a full handshake, no token or a wrong one, at 105/s (the issue's flood: 12,000
# requests) and at 10x that, against the portal started with the appliance's JVM options and
# Payara listener settings; heap after GC every 10 s, a signed-in client's page p95 during the
# flood. Then the same floods against Payara's own listener defaults, for comparison, and what the
# appliance's firewall lets through from one address (root, nft, ip: two network namespaces of
# its own). Figures and how to read them: docs/develop/benchmarks.md "Connection flood".
#
# Usage: [KS_FLOOD_COMPARE=no] webapp/bench/connection-flood.sh [RATE:REQUESTS ...]
#   default floods: 20:2400 105:12000 1050:120000 (20/s is what the firewall lets through from one
#   address); KS_FLOOD_COMPARE=no leaves out the run against Payara's own defaults.
cd "$(dirname "$0")/../.."
floods=${*:-20:2400 105:12000 1050:120000}

echo "connection-flood.sh: building the WAR and the test classes"
mvn -B -q -pl webapp -am -DskipTests package
mvn -B -q -pl webapp test-compile

echo "connection-flood.sh: resolving the test classpath"
mvn -B -q -pl webapp dependency:build-classpath -Dmdep.outputFile=target/flood-bench.classpath
cp="webapp/target/test-classes:webapp/target/classes:$(cat webapp/target/flood-bench.classpath)"
echo "connection-flood.sh: load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

echo
echo "== the portal with the appliance's settings (payara-listeners.asadmin)"
# shellcheck disable=SC2086 # the floods are separate arguments
java -Xss256k -Dkeyswitch.war=webapp/target/keyswitch.war -Dkeyswitch.payara.jar=webapp/target/payara-micro.jar \
  -Dkeyswitch.test.dir=webapp/target/bench -cp "$cp" io.keyswitch.bench.ConnectionFloodBench $floods

if [ "${KS_FLOOD_COMPARE:-yes}" != no ]; then
    echo
    echo "== the same portal with Payara's own listener defaults (the settings before issue 12)"
    defaults=$(mktemp)
    # shellcheck disable=SC2086
    java -Xss256k -Dkeyswitch.war=webapp/target/keyswitch.war -Dkeyswitch.payara.jar=webapp/target/payara-micro.jar \
      -Dkeyswitch.test.dir=webapp/target/bench -Dkeyswitch.launcher.listener-settings="$defaults" \
      -cp "$cp" io.keyswitch.bench.ConnectionFloodBench $floods || echo "(the portal with Payara's defaults did not survive)"
    rm -f "$defaults"
fi

echo
echo "== the appliance's firewall (appliance/rootfs/etc/nftables.conf), one address flooding 443"
if [ "$(id -u)" = 0 ] && command -v nft >/dev/null && command -v ip >/dev/null; then
    /usr/bin/python3 webapp/bench/connection-flood-nft.py appliance/rootfs/etc/nftables.conf 20 105 1050
else
    echo "skipped: needs root, nft and ip (network namespaces)"
fi
