#!/usr/bin/env bash
# Key switch (issue 15, "Figures"): key switch off -> connection closed, p50/p95/max over N trials, end to end with the
# reporting included — the reference device's report loop (report.sh, woken by input.sh) reports IN1 off over HTTPS,
# the portal ends the connection and takes its rules out of the firewall — through the real portal, its OpenVPN
# instance, the appliance's forward ruleset and the firewall helper in network namespaces (io.keyswitch.testing.VpnLab).
# Needs root, openvpn, nft, iproute2, curl, python3-nftables. Run it under flock /tmp/keyswitch-system.lock.
# Usage: webapp/bench/keyswitch-off.sh [trials] [heap]   (defaults: 50 384m)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
for tool in openvpn nft ip curl; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
/usr/bin/python3 -c 'import nftables' 2>/dev/null || { echo "apt-get install -y python3-nftables" >&2; exit 1; }
work="$(mktemp -d /var/tmp/keyswitch-keyswitch.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building the WAR and the tests (no test run)"
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd webapp
java -Xmx256m -Dkeyswitch.test.dir="$work/it" -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
    io.keyswitch.keyswitch.bench.KeySwitchBenchmark "${1:-50}" "${2:-384m}" 2>&1 \
    | grep --line-buffered -v -e "^SLF4J" -e "Commons Logging"
