package io.flopx.support.outbox;

import io.flopx.support.tracing.TraceContext;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event stored in the same transaction as the change it describes, until the relay publishes it. */
@Entity
@Table(name = "outbox")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
    /** The trace the change was made in (W3C traceparent), so the published event continues it. */
    public String traceparent;

    public static OutboxEntry of(String topic, String key, String payload, Instant at) {
        OutboxEntry e = new OutboxEntry();
        e.topic = topic;
        e.recordKey = key;
        e.payload = payload;
        e.createdAt = at;
        e.traceparent = TraceContext.current();
        return e;
    }
}
