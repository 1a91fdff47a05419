#!/bin/bash
# Creates FlopX's topics once, with the partition count the matchers scale by. Idempotent: a restart of
# Compose leaves existing topics (and their partition counts) alone; partitions are never raised later,
# since that would move hubs between partitions and split a market's command log.
set -euo pipefail
topics=/opt/kafka/bin/kafka-topics.sh
create() {
  "$topics" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION" "${@:2}"
}
create offering-events --config cleanup.policy=compact
# The same names and configurations as the local stack (local-stack/src/main/java/io/flopx/localstack/Topics.java);
# ComposeValidationTest fails when they differ.
create order-events --config retention.ms=604800000
create market-events --config retention.ms=604800000
# The matchers rebuild a hub market from its newest snapshot (every minute) and the command log after it.
create market-commands --config retention.ms=604800000
create market-data --config cleanup.policy=compact
create market-snapshots --config cleanup.policy=compact --config max.message.bytes=33554432 --config segment.ms=3600000
create lease-events --config retention.ms=604800000
create market-events-dlq-catalog --config retention.ms=604800000
create market-events-dlq-orders --config retention.ms=604800000
create lease-events-dlq-orders --config retention.ms=604800000
create market-events-dlq-settlement --config retention.ms=604800000
create lease-events-dlq-settlement --config retention.ms=604800000
# Tenants' funding for pre-trade risk: the latest per tenant and currency.
create funding-events --config cleanup.policy=compact
# What fills drew from buyers' compute vouchers (order-service decides, settlement-service posts).
create voucher-draws --config retention.ms=604800000
create voucher-draws-dlq-settlement --config retention.ms=604800000
create offering-events-dlq-settlement --config retention.ms=604800000
# Leases' delivery records and summaries (settlement-service), read for reliability scores.
create delivery-events --config retention.ms=604800000
create delivery-events-dlq-catalog --config retention.ms=604800000
"$topics" --bootstrap-server "$BOOTSTRAP" --list
