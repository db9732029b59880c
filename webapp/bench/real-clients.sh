#!/usr/bin/env bash
# Real OpenVPN at scale (issue 5, "Speed and scale"): N real device clients (default 250) against one real
# server decided by the portal's management client, in two network namespaces; reports the time until all are
# established and the RSS of the OpenVPN server and of the JVM. Needs root and openvpn.
# Usage: webapp/bench/real-clients.sh [clients] [started-per-second]   (defaults: 250 25)
set -euo pipefail

cd "$(dirname "$0")/../.."
clients="${1:-250}"
rate="${2:-25}"

echo "Checking for root and openvpn"
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
command -v openvpn >/dev/null || { echo "apt-get install -y openvpn iproute2" >&2; exit 1; }

echo "Compiling the portal and its tests (no test run)"
mvn -B -q -pl webapp -am test-compile

echo "Resolving BouncyCastle's jars for the classpath"
mvn -B -q -pl webapp dependency:build-classpath -DincludeGroupIds=org.bouncycastle \
    -Dmdep.outputFile=target/bench.classpath

echo "Running ${clients} real OpenVPN clients, ${rate} started per second"
java -Xmx256m -cp "webapp/target/test-classes:webapp/target/classes:$(cat webapp/target/bench.classpath)" \
    io.keyswitch.vpn.bench.RealClientsBenchmark "${clients}" "${rate}"
