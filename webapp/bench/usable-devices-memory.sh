#!/bin/sh -eu
# Heap of the VPN's in-memory view of usable devices (decisions from memory, issue 14) for N devices, and the time a
# lookup plus the secret's check takes. Figures: docs/develop/benchmarks.md.
# Usage: webapp/bench/usable-devices-memory.sh [devices]   (default 20000)
cd "$(dirname "$0")/../.."

echo "usable-devices-memory.sh: compiling main and test classes"
mvn -B -q -pl webapp -am test-compile

echo "usable-devices-memory.sh: resolving the test classpath"
mvn -B -q -pl webapp dependency:build-classpath -Dmdep.outputFile=target/usable-devices-bench.classpath

echo "usable-devices-memory.sh: running io.keyswitch.vpn.bench.UsableDevicesMemoryBench (heap 256 MiB, SerialGC)"
java -Xms256m -Xmx256m -XX:+UseSerialGC \
  -cp "webapp/target/test-classes:webapp/target/classes:$(cat webapp/target/usable-devices-bench.classpath)" \
  io.keyswitch.vpn.bench.UsableDevicesMemoryBench "${1:-20000}"
