package io.flopx.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A fill as the provider sees it. Its id is the matcher's fill id, which makes recording it idempotent. */
@Entity
@Table(name = "lease")
public class Lease {

    @Id
    public UUID id;

    @Column(name = "offering_id")
    public UUID offeringId;

    @Column(name = "provider_tenant")
    public String providerTenant;

    @Column(name = "order_id")
    public UUID orderId;

    /** The enterprise that bought it: the only tenant that may resell its hours (null for leases before resale). */
    @Column(name = "buyer_tenant")
    public String buyerTenant;

    /**
     * Whose devices deliver it and whose agents report on it: the offering's provider, or for a lease of a
     * resale listing the provider of the lease resold (the seller, {@link #providerTenant}, is the reseller).
     */
    @Column(name = "delivered_by")
    public String deliveredBy;

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
}
