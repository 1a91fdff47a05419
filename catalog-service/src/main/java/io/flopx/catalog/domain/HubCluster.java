package io.flopx.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A data-centre cluster inside a hub, at an approximate city position. */
@Entity
@Table(name = "hub_cluster")
public class HubCluster {

    @Id
    public String id;

    @Column(name = "hub_id")
    public String hubId;

    public String name;
    public BigDecimal latitude;
    public BigDecimal longitude;
}
