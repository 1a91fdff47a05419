package io.flopx.catalog.service;

import io.flopx.catalog.domain.AcceleratorModel;
import io.flopx.catalog.domain.GreenRating;
import io.flopx.catalog.domain.Offering;
import io.flopx.catalog.domain.Site;
import io.flopx.support.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Searches active offerings as a buyer would: filters on model, vendor, hub, throughput and price at a
 * precision, PUE, green rating, interconnect and window; sorted and paged. Price per PFLOP-hour is
 * compared without division: price × 10^6 ≤ limit × peak GFLOPS.
 */
@ApplicationScoped
public class SearchService {

    private final ReliabilityService reliability;

    public SearchService(ReliabilityService reliability) {
        this.reliability = reliability;
    }

    public Uni<SearchResult> search(OfferingSearch r) {
        boolean needsPrecision = r.minTflops() != null
                || r.maxPricePerPflopHour() != null
                || "effectivePrice".equals(r.sort())
                || "tflops".equals(r.sort());
        if (needsPrecision && r.precision() == null) {
            throw ApiProblem.badRequest(
                    "precision", "is needed to filter or sort by throughput or price per PFLOP-hour");
        }
        String peak = r.precision() == null ? null : "m." + r.precision().modelAttribute;
        StringBuilder where = new StringBuilder("""
                from Offering o, Site s, AcceleratorModel m
                where s.id = o.siteId and m.id = o.modelId and o.status = io.flopx.catalog.domain.OfferingStatus.ACTIVE""");
        Map<String, Object> params = new LinkedHashMap<>();
        if (r.model() != null) {
            where.append(" and o.modelId = :model");
            params.put("model", r.model());
        }
        if (r.vendor() != null) {
            where.append(" and lower(m.vendor) = lower(:vendor)");
            params.put("vendor", r.vendor());
        }
        if (r.hub() != null) {
            where.append(" and o.hubId = :hub");
            params.put("hub", r.hub());
        }
        if (peak != null) {
            where.append(" and ").append(peak).append(" is not null");
        }
        if (r.minTflops() != null) {
            // In exact decimals: a stored row out of today's bounds must not make the query fail for everyone.
            where.append(" and cast(").append(peak).append(" as BigDecimal) * o.devices >= :minGflops");
            params.put(
                    "minGflops",
                    r.minTflops()
                            .movePointRight(3)
                            .setScale(0, RoundingMode.CEILING)
                            .longValueExact());
        }
        if (r.maxPricePerDeviceHour() != null) {
            where.append(" and o.pricePerDeviceHour <= :maxPrice");
            params.put("maxPrice", r.maxPricePerDeviceHour());
        }
        if (r.maxPricePerPflopHour() != null) {
            where.append(
                            " and cast(o.pricePerDeviceHour as BigDecimal) * 1000000 <= cast(:maxPflopPrice as BigDecimal) * ")
                    .append(peak);
            params.put("maxPflopPrice", r.maxPricePerPflopHour());
        }
        if (r.maxPue() != null) {
            where.append(" and s.pueMilli <= :maxPue");
            params.put("maxPue", r.maxPue().movePointRight(3).intValue());
        }
        if (r.minGreenRating() != null) {
            where.append(" and s.greenRating >= :minGreen");
            params.put("minGreen", GreenRating.level(r.minGreenRating()));
        }
        if (r.interconnect() != null) {
            where.append(" and s.interconnect = :interconnect");
            params.put("interconnect", r.interconnect());
        }
        if (r.minReliability() != null) {
            where.append(" and o.reliabilityBps >= :minReliability");
            params.put("minReliability", r.minReliability());
        }
        if (r.from() != null) {
            where.append(" and o.availableFrom <= :from");
            params.put("from", r.from());
        }
        if (r.until() != null) {
            where.append(" and o.availableUntil >= :until");
            params.put("until", r.until());
        }
        String direction = "desc".equals(r.order()) ? " desc" : " asc";
        String orderBy = switch (r.sort()) {
            case "effectivePrice" -> "o.pricePerDeviceHour * 1.0 / " + peak;
            case "tflops" -> "cast(" + peak + " as BigDecimal) * o.devices";
            case "pue" -> "s.pueMilli";
            default -> "o.pricePerDeviceHour";
        };
        String select = "select o, s, m " + where + " order by " + orderBy + direction + ", o.id";
        String count = "select count(o) " + where;
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
                    var itemsQuery = session.createSelectionQuery(select, Object[].class)
                            .setFirstResult(r.page() * r.size())
                            .setMaxResults(r.size());
                    var countQuery = session.createSelectionQuery(count, Long.class);
                    params.forEach((k, v) -> {
                        itemsQuery.setParameter(k, v);
                        countQuery.setParameter(k, v);
                    });
                    return itemsQuery
                            .getResultList()
                            .chain(rows -> countQuery.getSingleResult().map(total -> {
                                List<ListedOffering> items = new ArrayList<>(rows.size());
                                for (Object[] row : rows) {
                                    items.add(new ListedOffering(
                                            (Offering) row[0], (Site) row[1], (AcceleratorModel) row[2]));
                                }
                                return new Page(items, total);
                            }));
                }))
                // The page's providers' and sites' reliability: two reads whatever the page's size.
                .chain(page -> reliability
                        .of(
                                page.items().stream()
                                        .map(l -> l.offering().tenant)
                                        .collect(Collectors.toSet()),
                                page.items().stream()
                                        .map(l -> l.offering().siteId)
                                        .collect(Collectors.toSet()))
                        .map(rated -> new SearchResult(page.items(), r.page(), r.size(), page.total(), rated)));
    }

    private record Page(List<ListedOffering> items, long total) {}
}
