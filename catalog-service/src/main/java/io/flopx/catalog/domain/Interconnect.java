package io.flopx.catalog.domain;

/** The network fabric between a site's nodes. */
public enum Interconnect {
    INFINIBAND,
    ROCE,
    ETHERNET
}
