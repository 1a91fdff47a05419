package io.flopx.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A fill the capacity ledger refused because it would oversell a slot; kept for operators to resolve. */
@Entity
@Table(name = "lease_conflict")
public class LeaseConflict {

    @Id
    @Column(name = "fill_id")
    public UUID fillId;

    @Column(name = "offering_id")
    public UUID offeringId;

    @Column(name = "order_id")
    public UUID orderId;

    public int devices;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public String reason;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
