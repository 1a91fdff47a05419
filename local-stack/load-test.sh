#!/usr/bin/env bash
# Proof under load and faults: starts a stack of its own (under local-stack/target/load-stack), drives it at fixed
# arrival rates and prints latency percentiles, then runs fault scenarios with the invariant checker after
# each. Writes local-stack/target/load-stack/results.md. Exit status 1 if any invariant was violated.
#   local-stack/load-test.sh                                      the full run: 100, 250, 500 orders/s, 33 fault runs
#   local-stack/load-test.sh --rates 100 --duration 30s --faults 3 [--fault-duration 20s] [--fault-rate 40]
#                       [--scenarios KILL_KAFKA,KILL_POSTGRES,...] [--data-dir DIR]
#                       [--profile]   (a JFR recording of each service, in DIR/jfr/)
set -euo pipefail
cd "$(dirname "$0")/.."
. local-stack/bin/select-jdk.sh
. local-stack/bin/launcher.sh
exec "$JAVA_HOME/bin/java" "${flopx_jvm_opts[@]}" -Dflopx.repo.root="$PWD" -cp "$flopx_cp" io.flopx.localstack.load.LoadHarness "$@"
