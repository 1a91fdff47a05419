package io.flopx.catalog.service;

import java.util.List;

/**
 * One page of a search: the offerings on it, where it is, how many match in all, and the reliability of the
 * page's providers and sites.
 */
public record SearchResult(
        List<ListedOffering> items, int page, int size, long total, ReliabilityService.ForOfferings reliability) {}
