package io.flopx.catalog.service;

import java.util.List;

/** One page of a search: the offerings on it, where it is, and how many match in all. */
public record SearchResult(List<ListedOffering> items, int page, int size, long total) {}
