package io.flopx.catalog.service;

import io.flopx.catalog.domain.Hub;
import io.flopx.catalog.domain.HubCluster;
import java.util.List;

/** A hub with its data-centre clusters. */
public record HubListing(Hub hub, List<HubCluster> clusters) {}
