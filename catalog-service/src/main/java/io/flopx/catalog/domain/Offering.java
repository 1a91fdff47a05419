package io.flopx.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** Capacity a provider lists: devices of one model at one site over an hour-aligned window. */
@Entity
@Table(name = "offering")
public class Offering {

    @Id
    public UUID id;

    public String tenant;

    @Column(name = "model_id")
    public String modelId;
    /** Copied from the site so that markets (one per hub) can be found without a join. */
    @Column(name = "hub_id")
    public String hubId;

    @Column(name = "site_id")
    public UUID siteId;

    public int devices;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "available_until")
    public Instant availableUntil;
    /** Minor currency units per device-hour. */
    @Column(name = "price_per_device_hour")
    public long pricePerDeviceHour;

    public String currency;

    @Column(name = "min_lease_hours")
    public int minLeaseHours;

    /**
     * The availability commitment (SLA), basis points of each lease's device-hours delivered: 9900, 9950 or
     * 9990; null for best effort.
     */
    @Column(name = "availability_bps")
    public Integer availabilityBps;

    /**
     * The delivery record orders' minReliability is checked against, basis points: its site's reliability
     * score, or its provider's while the site has none; null without history. Set by re-rating, not by the
     * provider.
     */
    @Column(name = "reliability_bps")
    public Integer reliabilityBps;

    /** For a resale listing: the lease whose unstarted hours it sells (its tenant is that lease's buyer). */
    @Column(name = "resale_of")
    public UUID resaleOf;

    /** For a resale listing: the provider whose devices deliver it; null for a provider's own offering. */
    @Column(name = "delivered_by")
    public String deliveredBy;

    @Enumerated(EnumType.STRING)
    public OfferingStatus status;
    /** Bumped by every change: concurrent amendments of the same offering cannot both win. */
    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whose devices deliver what this offering sells: its own provider, or the original one of a resale. */
    public String deliverer() {
        return deliveredBy != null ? deliveredBy : tenant;
    }
}
