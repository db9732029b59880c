#!/usr/bin/env bash
# Technician connections (issue 11): Connect -> rules in place and Disconnect -> rules out (p50/p95), N technicians
# with real OpenVPN clients all connected (sets' sizes, RSS of portal, firewall helper and OpenVPN, heap), and a
# portal restart with all of them open (records closed, sets empty) — through the real portal, its OpenVPN instance,
# the appliance's forward ruleset and the firewall helper in network namespaces (io.keyswitch.testing.VpnLab).
# Needs root, openvpn, nft, iproute2, python3-nftables.
# Usage: webapp/bench/connections.sh [technicians] [iterations] [heap] [clients started per second]
#        (defaults: 250 200 384m 25)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
for tool in openvpn nft ip; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
/usr/bin/python3 -c 'import nftables' 2>/dev/null || { echo "apt-get install -y python3-nftables" >&2; exit 1; }
work="$(mktemp -d /var/tmp/keyswitch-connections.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building the WAR and the tests (no test run)"
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd webapp
java -Xmx256m -Dkeyswitch.test.dir="$work/it" -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
    io.keyswitch.connection.bench.ConnectionBenchmark "${1:-250}" "${2:-200}" "${3:-384m}" "${4:-25}" 2>&1 \
    | grep --line-buffered -v -e "^SLF4J" -e "Commons Logging"
