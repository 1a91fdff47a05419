package io.flopx.catalog.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A market region; every offering sits in exactly one hub, and each hub is one market. */
@Entity
@Table(name = "hub")
public class Hub {

    @Id
    public String id;

    public String name;
    public String side;
}
