package io.flopx.catalog.rest;

import io.flopx.catalog.service.SearchResult;
import java.util.List;

public record SearchPage(List<MarketOfferingView> items, int page, int size, long total) {

    static SearchPage of(SearchResult r) {
        return new SearchPage(
                r.items().stream()
                        .map(l -> MarketOfferingView.of(
                                l.offering(),
                                l.site(),
                                l.model(),
                                r.reliability().site(l.offering().siteId),
                                r.reliability().provider(l.offering().tenant)))
                        .toList(),
                r.page(),
                r.size(),
                r.total());
    }
}
