package io.flopx.catalog.service;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.Site;

/** An active offering as a search finds it, with its site and its model (read, detached). */
public record ListedOffering(Offering offering, Site site, AcceleratorModel model) {}
