package io.flopx.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Part of an order the matcher filled; its id is the matcher's fill id. */
@Entity
@Table(name = "fill")
public class Fill {

    @Id
    public UUID id;

    @ManyToOne
    @JoinColumn(name = "order_id")
    public ComputeOrder order;

    @Column(name = "offering_id")
    public UUID offeringId;

    @Column(name = "hub_id")
    public String hubId;

    @Column(name = "site_id")
    public UUID siteId;

    @Column(name = "model_id")
    public String modelId;
    /** The site's power usage effectiveness in thousandths. */
    @Column(name = "pue_milli")
    public Integer pueMilli;

    @Column(name = "tdp_watts")
    public Integer tdpWatts;
    /** One device's peak at the order's precision, when the order has one. */
    @Column(name = "gflops_per_device")
    public Long gflopsPerDevice;

    public int devices;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "price_per_device_hour")
    public long pricePerDeviceHour;

    public long cost;
    public String currency;

    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** When the fill was undone because the provider's capacity ledger refused it; null while it stands. */
    @Column(name = "reversed_at")
    public Instant reversedAt;

    @Column(name = "reversal_reason")
    public String reversalReason;

    public boolean stands() {
        return reversedAt == null;
    }

    /** What the fill counts toward its order's quantity: devices, or GFLOPS for a throughput order; nothing once reversed. */
    public long units() {
        if (!stands()) {
            return 0;
        }
        return order.kind == OrderKind.DEVICES ? devices : gflopsPerDevice == null ? 0 : devices * gflopsPerDevice;
    }
}
