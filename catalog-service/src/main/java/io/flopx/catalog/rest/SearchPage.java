package io.flopx.catalog.rest;

import java.util.List;

public record SearchPage(List<MarketOfferingView> items, int page, int size, long total) {}
