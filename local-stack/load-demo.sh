#!/usr/bin/env bash
# Keeps the local market alive: providers list, enterprises order, through the gateway with the demo
# logins, until the time or count is up. Start the marketplace first (local-stack/run-local.sh).
#   local-stack/load-demo.sh                          5 writes/s for 2 minutes
#   local-stack/load-demo.sh --rate 20 --duration 10m --count 5000 [--gateway URL] [--realm URL] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
. local-stack/bin/select-jdk.sh
jar=local-stack/target/flopx-local-stack.jar
if [ ! -f "$jar" ]; then
  echo "Build first: ./mvnw -q -B -DskipTests package (or start local-stack/run-local.sh once)"
  exit 1
fi
exec "$JAVA_HOME/bin/java" -cp "$jar:local-stack/target/lib/*" io.flopx.localstack.LoadGenerator "$@"
