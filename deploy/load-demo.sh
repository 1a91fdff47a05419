#!/usr/bin/env bash
# Keeps the local market alive: providers list, enterprises order, through the gateway with the demo
# logins, until the time or count is up. Start the marketplace first (deploy/run-local.sh).
#   deploy/load-demo.sh                          5 writes/s for 2 minutes
#   deploy/load-demo.sh --rate 20 --duration 10m --count 5000 [--gateway URL] [--realm URL] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/bin/select-jdk.sh
jar=deploy/target/flopx-local-stack.jar
if [ ! -f "$jar" ]; then
  echo "Build first: ./mvnw -q -B -DskipTests package (or start deploy/run-local.sh once)"
  exit 1
fi
exec "$JAVA_HOME/bin/java" -cp "$jar" io.flopx.deploy.LoadGenerator "$@"
