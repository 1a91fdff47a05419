#!/usr/bin/env bash
# What one Kafka hop, one PostgreSQL transaction and one HTTP request cost on this machine with nothing of
# FlopX around them (raw clients, one message at a time at a fixed rate; CPU from /proc): the floor under the
# exchange's CPU per order. Prints a table and writes local-stack/target/floor/floor.md (~10 minutes).
#   local-stack/floor.sh [--rate 100] [--warm-up 60s] [--measure 60s] [--linger-ms 0] [--fetch-wait-ms 0]
#                        [--cases kafka,postgres,http]
set -euo pipefail
cd "$(dirname "$0")/.."
. local-stack/bin/select-jdk.sh
. local-stack/bin/launcher.sh
exec "$JAVA_HOME/bin/java" "${flopx_jvm_opts[@]}" -cp "$flopx_cp" io.flopx.localstack.floor.FloorBenchmark "$@"
