#!/usr/bin/env bash
# Real OpenVPN through the real portal (issue 5, "Speed and scale"): the portal (Payara Micro, MariaDB, appliance heap)
# starts the account's OpenVPN server itself in a network namespace, every device gets its profile from the portal's
# API, and N real OpenVPN clients (default 250) dial in from a second namespace; reports the time until the portal's
# database says all are online and the RSS of the OpenVPN server, the portal and a client. Needs root and openvpn.
# Usage: webapp/bench/portal-real-clients.sh [clients] [started-per-second] [heap]   (defaults: 250 25 384m)
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${1:-250}"
rate="${2:-25}"
heap="${3:-384m}"
echo "Checking for root and openvpn"
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
command -v openvpn >/dev/null || { echo "apt-get install -y openvpn iproute2" >&2; exit 1; }
work="$(mktemp -d /var/tmp/keyswitch-vpn-real.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "Building the WAR and the tests (no test run)"
mvn -q -B -DskipTests package
mvn -q -B -pl webapp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Running ${clients} real OpenVPN clients through the portal, ${rate} started per second (work folder $work)"
java -Xmx256m -cp "webapp/target/test-classes:webapp/target/classes:$(cat "$work/classpath")" \
    io.keyswitch.vpn.bench.PortalRealClientsBenchmark webapp/target/keyswitch.war webapp/target/payara-micro.jar \
    "$work" "$clients" "$rate" "$heap" 2>&1 | grep -v -e '^SLF4J' -e 'Commons Logging'
