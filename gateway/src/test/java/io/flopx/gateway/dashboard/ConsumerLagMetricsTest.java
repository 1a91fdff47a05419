package io.flopx.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerLagMetricsTest {

    /** As Quarkus' Prometheus registry writes them (the lag per partition, and neighbours to ignore). */
    static final String SCRAPE = """
            # HELP kafka_consumer_fetch_manager_records_lag The latest lag of the partition
            # TYPE kafka_consumer_fetch_manager_records_lag gauge
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-market-events",kafka_version="4.1.2",partition="3",topic="market-events"} 17.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-market-events",kafka_version="4.1.2",partition="1",topic="market-events"} 0.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-lease-events",kafka_version="4.1.2",partition="0",topic="lease-events"} NaN
            kafka_consumer_fetch_manager_records_lag_max{client_id="kafka-consumer-market-events",kafka_version="4.1.2",partition="3",topic="market-events"} 40.0
            kafka_consumer_fetch_manager_records_lag_avg{client_id="kafka-consumer-market-events",kafka_version="4.1.2",partition="3",topic="market-events"} 2.0
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/orders"} 5.0
            """;

    @Test
    void oneRowPerPartitionFetchedInOrderNamedByServiceAndChannel() {
        List<Map<String, Object>> rows = ConsumerLagMetrics.parse("order-service", SCRAPE);
        assertEquals(
                List.of(
                        Map.of(
                                "group",
                                "order-service/market-events",
                                "topic",
                                "market-events",
                                "partition",
                                1,
                                "lag",
                                0L),
                        Map.of(
                                "group",
                                "order-service/market-events",
                                "topic",
                                "market-events",
                                "partition",
                                3,
                                "lag",
                                17L)),
                rows);
    }

    @Test
    void nothingFromAServiceWithoutKafkaConsumers() {
        assertEquals(List.of(), ConsumerLagMetrics.parse("gateway", "# nothing\njvm_threads_live_threads 42.0\n"));
    }
}
