#!/usr/bin/env bash
# Management-protocol load generator (issue 5, "Speed and scale"): 20,000 simulated devices through
# CONNECT/ENV, ESTABLISHED and DISCONNECT against the real ManagementClient and a keyed-hash authenticator.
# Usage: webapp/bench/management-load.sh [devices] [window]   (defaults: 20000 200)
set -euo pipefail

cd "$(dirname "$0")/../.."
devices="${1:-20000}"
window="${2:-200}"

echo "Compiling the portal and its tests (no test run)"
mvn -B -q -pl webapp -am test-compile

echo "Running the load generator: ${devices} devices, at most ${window} CONNECTs unanswered, 512 MiB heap"
java -Xmx512m \
    -cp webapp/target/test-classes:webapp/target/classes \
    io.keyswitch.vpn.bench.ManagementLoadBenchmark "${devices}" "${window}"
