#!/bin/sh -eu
# Login jail benchmark (issue 4, "Speed"): jail check overhead per request and heap after
# 100,000 distinct failing addresses. Figures and how to read them: docs/develop/benchmarks.md.
cd "$(dirname "$0")/../.."

echo "jail.sh: compiling main and test classes"
mvn -B -q -pl webapp -am test-compile

echo "jail.sh: resolving the test classpath"
mvn -B -q -pl webapp dependency:build-classpath -Dmdep.outputFile=target/jail-bench.classpath

echo "jail.sh: running io.keyswitch.bench.JailBench (heap fixed at 256 MiB, the JVM's default collector)"
java -Xms256m -Xmx256m \
  -cp "webapp/target/test-classes:webapp/target/classes:$(cat webapp/target/jail-bench.classpath)" \
  io.keyswitch.bench.JailBench
