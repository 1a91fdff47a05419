#!/usr/bin/env bash
# Runs the whole FlopX marketplace on this machine: PostgreSQL, Kafka, Keycloak and the four services,
# on loopback, with demo users. Ctrl-C stops everything.
#   deploy/run-local.sh            start (builds first if the sources changed)
#   deploy/run-local.sh --wipe     start from an empty market (deletes .local-stack/)
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/bin/select-jdk.sh

. deploy/bin/launcher.sh
exec "$JAVA_HOME/bin/java" "${flopx_jvm_opts[@]}" -jar "$flopx_jar" --repo-root "$PWD" "$@"
