package io.flopx.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of an order's history: the status it reached (or what happened to it), when and why. */
@Entity
@Table(name = "order_transition")
public class OrderTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_id")
    public UUID orderId;

    public String status;
    public String reason;
    public Instant at;

    public static OrderTransition of(UUID orderId, String status, String reason, Instant at) {
        OrderTransition t = new OrderTransition();
        t.orderId = orderId;
        t.status = status;
        t.reason = reason;
        t.at = at;
        return t;
    }
}
