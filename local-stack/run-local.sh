#!/usr/bin/env bash
# Runs the whole FlopX marketplace on this machine: PostgreSQL, Kafka, Keycloak and the four services,
# on loopback, with demo users. Ctrl-C stops everything.
#   local-stack/run-local.sh            start (builds first if the sources changed)
#   local-stack/run-local.sh --wipe     start from an empty market (deletes .local-stack/)
set -euo pipefail
cd "$(dirname "$0")/.."
. local-stack/bin/select-jdk.sh

. local-stack/bin/launcher.sh
exec "$JAVA_HOME/bin/java" "${flopx_jvm_opts[@]}" -cp "$flopx_cp" io.flopx.localstack.LocalStackMain --repo-root "$PWD" "$@"
