#!/usr/bin/env bash
# Runs the whole FlopX marketplace on this machine: PostgreSQL, Kafka, Keycloak and the four services,
# on loopback, with demo users. Ctrl-C stops everything.
#   deploy/run-local.sh            start (builds first if the sources changed)
#   deploy/run-local.sh --wipe     start from an empty market (deletes .local-stack/)
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/bin/select-jdk.sh

jar=deploy/target/flopx-local-stack.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src deploy/keycloak -newer "$jar" -print -quit)" ]; then
  echo "Building FlopX with $JAVA_HOME (the first build downloads dependencies: a few minutes)..."
  ./mvnw -q -B -DskipTests -Dflopx.images.skip=true package
fi
jvm_opts=()
# The embedded Kafka broker still uses sun.misc.Unsafe; JDK 24+ warns about it unless told it is allowed.
if [ "$(_flopx_java_major "$JAVA_HOME")" -ge 24 ]; then jvm_opts+=(--sun-misc-unsafe-memory-access=allow); fi
exec "$JAVA_HOME/bin/java" "${jvm_opts[@]}" -jar "$jar" --repo-root "$PWD" "$@"
