package io.flopx.localstack.load;

import io.flopx.localstack.LocalStack;
import java.time.Duration;

/**
 * What goes wrong during a fault run, injected into the stack while the load runs: a process killed with
 * SIGKILL and started again (each service, the Kafka broker, PostgreSQL), a service stopped with SIGSTOP for
 * longer than the timeouts around it (the gateway's 5 s, the clients' 3 s, the producers' 5 s) and then
 * resumed, or a second matcher joining mid-load so that hubs' partitions move to it (and back when it stops
 * after the load).
 */
public enum FaultScenario {
    KILL_CATALOG("kill -9 catalog-service, restart"),
    KILL_ORDER("kill -9 order-service, restart"),
    KILL_MATCHING("kill -9 matching-service, restart"),
    KILL_GATEWAY("kill -9 gateway, restart"),
    KILL_SETTLEMENT("kill -9 settlement-service, restart"),
    KILL_KAFKA("kill -9 the Kafka broker, restart"),
    KILL_POSTGRES("kill -9 PostgreSQL, restart"),
    PAUSE_CATALOG("SIGSTOP catalog-service 12 s"),
    PAUSE_ORDER("SIGSTOP order-service 12 s"),
    PAUSE_MATCHING("SIGSTOP matching-service 12 s"),
    MOVE_PARTITIONS("a second matcher takes partitions mid-load");

    static final Duration PAUSE = Duration.ofSeconds(12);

    final String description;

    FaultScenario(String description) {
        this.description = description;
    }

    void inject(LocalStack stack) throws InterruptedException {
        switch (this) {
            case KILL_CATALOG -> stack.crashAndRestart("catalog-service");
            case KILL_ORDER -> stack.crashAndRestart("order-service");
            case KILL_MATCHING -> stack.crashAndRestart("matching-service");
            case KILL_GATEWAY -> stack.crashAndRestart("gateway");
            case KILL_SETTLEMENT -> stack.crashAndRestart("settlement-service");
            case KILL_KAFKA -> stack.crashAndRestartKafka();
            case KILL_POSTGRES -> stack.crashAndRestartPostgres();
            case PAUSE_CATALOG -> stack.pause("catalog-service", PAUSE);
            case PAUSE_ORDER -> stack.pause("order-service", PAUSE);
            case PAUSE_MATCHING -> stack.pause("matching-service", PAUSE);
            case MOVE_PARTITIONS -> stack.startSecondMatcher();
        }
    }

    /** After the load: undo what lasts (the second matcher stops and its hubs move back). */
    void recover(LocalStack stack) {
        if (this == MOVE_PARTITIONS) {
            stack.stopSecondMatcher();
        }
    }
}
