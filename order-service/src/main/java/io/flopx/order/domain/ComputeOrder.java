package io.flopx.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** An enterprise's order for devices of a model, for some hours, under a limit price. */
@Entity
@Table(name = "compute_order")
public class ComputeOrder {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "client_reference")
    public String clientReference;
    @Column(name = "model_id")
    public String modelId;
    public int devices;
    @Column(name = "duration_hours")
    public int durationHours;
    @Column(name = "earliest_start")
    public Instant earliestStart;
    @Column(name = "latest_start")
    public Instant latestStart;
    /** Minor currency units per device-hour. */
    @Column(name = "limit_price_per_device_hour")
    public long limitPricePerDeviceHour;
    public String currency;
    /** Empty means any hub. */
    @Column(name = "allowed_hubs")
    @Convert(converter = HubListConverter.class)
    public List<String> allowedHubs = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    public OrderStatus status;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("startsAt")
    public List<Fill> fills = new ArrayList<>();

    public int filledDevices() {
        return fills.stream().mapToInt(f -> f.devices).sum();
    }

    public void moveTo(OrderStatus next, String reason, Instant at) {
        status = next;
        statusReason = reason;
        updatedAt = at;
    }
}
