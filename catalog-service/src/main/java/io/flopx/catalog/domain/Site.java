package io.flopx.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A provider's data centre inside one hub. */
@Entity
@Table(name = "site")
public class Site {

    @Id
    public UUID id;

    public String tenant;
    public String name;

    @Column(name = "hub_id")
    public String hubId;

    @Column(name = "cluster_id")
    public String clusterId;
    /** Power usage effectiveness in thousandths: 1.25 is stored as 1250. */
    @Column(name = "pue_milli")
    public int pueMilli;
    /** CAICT rating level: 4 means 4A. */
    @Column(name = "green_rating")
    public int greenRating;

    @Column(name = "backbone_connected")
    public boolean backboneConnected;

    @Enumerated(EnumType.STRING)
    public Interconnect interconnect;

    @Column(name = "created_at")
    public Instant createdAt;
}
