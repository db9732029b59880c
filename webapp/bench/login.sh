#!/bin/sh -eu
# Login benchmark (issue 4, "Speed"): login throughput and p95 with bcrypt on this machine, against
# the portal started as the Quick start starts it. Figures and how to read them: docs/develop/benchmarks.md.
cd "$(dirname "$0")/../.."

echo "login.sh: building the WAR and the test classes"
mvn -B -q -pl webapp -am -DskipTests package
mvn -B -q -pl webapp test-compile

echo "login.sh: resolving the test classpath"
mvn -B -q -pl webapp dependency:build-classpath -Dmdep.outputFile=target/login-bench.classpath

echo "login.sh: running io.keyswitch.bench.LoginBench (the portal gets 256 MiB of heap)"
java -Dkeyswitch.war=webapp/target/keyswitch.war -Dkeyswitch.payara.jar=webapp/target/payara-micro.jar \
  -Dkeyswitch.test.dir=webapp/target/bench \
  -cp "webapp/target/test-classes:webapp/target/classes:$(cat webapp/target/login-bench.classpath)" \
  io.keyswitch.bench.LoginBench
