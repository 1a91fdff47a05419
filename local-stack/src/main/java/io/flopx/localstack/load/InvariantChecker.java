package io.flopx.localstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What must hold after any run, crashes included, read from the databases and the topics once the exchange
 * has settled:
 * <ol>
 * <li>every order the API accepted (2xx) exists and is resting or terminal, not waiting for a verdict;</li>
 * <li>fills recorded by order-service = FILL events on market-events, by event id; the fills that stand =
 * leases recorded by catalog-service (every fill has its lease and every lease its fill); a fill the capacity
 * ledger refused is reversed in order-service, and is counted as an oversell all the same (each database
 * keys them by id: none is applied twice);</li>
 * <li>every ORDER_PLACED published (on order-events, or on market-commands for an order naming one hub) has
 * its order row, and every stored order its ORDER_PLACED (nothing half-applied, whoever gave up waiting);</li>
 * <li>no offering hour slot leased beyond its devices (from catalog-service's leases, and again from
 * order-service's fills against the catalog's offerings);</li>
 * <li>every provider change the API accepted reached the matcher (an OFFERING command on market-commands
 * with that offering at that version or later).</li>
 * <li>the money balances: every journal entry of settlement-service's ledger sums to zero, every account's
 * totals are the sum of its postings, and no account is below its credit limit;</li>
 * <li>pre-trade risk: an order refused for want of funds was never published; every order holds the
 * worst case of what it still wants (nothing once terminal), a tenant's holds are its orders', its charges
 * its standing fills' cost, and holds plus charges never exceed its funding;</li>
 * <li>settlement of fills: every FILL event settled once in the ledger at its cost (= order-service's fill
 * cost, = the TRADE entry), refunded in full exactly when the fill was reversed, fees at the lease's rate, each
 * provider's escrow and the exchange's fees equal to what the leases say, the ledger summing to zero per
 * currency;</li>
 * <li>delivery: every outage report the API accepted recorded, every lease credited at least what its recorded
 * outages cost at the trade price and never more than its cost, its SLA credits those the ledger gave;</li>
 * <li>standing plans: the standing fills of the orders a plan placed (found by their idempotency keys, so an
 * order placed but never linked to its plan counts too) never cost more than the plan's budget, and never hold
 * more devices in an hour than the most the plan ever asked for;</li>
 * <li>resale: in no hour do the leases of a lease's resale listings hold more devices than the lease, nor any
 * hour outside it (capacity is never sold twice).</li>
 * </ol>
 */
public final class InvariantChecker {

    /** What a check found: counts of what was checked and the violations, each naming the ids involved. */
    public record Report(
            long orders,
            long fills,
            long leases,
            long fillEvents,
            long duplicateDeliveries,
            long slots,
            long providerChanges,
            long placedEvents,
            long ledgerEntries,
            long outagesAccepted,
            long leasesWithOutages,
            long plans,
            long planFills,
            long resaleListings,
            long resoldLeases,
            List<String> violations) {
        String summary() {
            return ("invariants: %,d accepted orders resting or terminal; %,d fills = %,d leases = %,d FILL events "
                            + "(%,d duplicate deliveries on the topic, deduplicated); %,d ORDER_PLACED events = stored orders; "
                            + "%,d leased hour slots within their offerings' devices; %,d provider changes reached the matcher; "
                            + "%,d ledger entries balanced; %,d accepted outage reports recorded, %,d leases credited for "
                            + "their outages; %,d plans' %,d fills within their budgets and sizes; %,d resale listings' %,d "
                            + "leases within the leases they resell; %d violations")
                    .formatted(
                            orders,
                            fills,
                            leases,
                            fillEvents,
                            duplicateDeliveries,
                            placedEvents,
                            slots,
                            providerChanges,
                            ledgerEntries,
                            outagesAccepted,
                            leasesWithOutages,
                            plans,
                            planFills,
                            resaleListings,
                            resoldLeases,
                            violations.size());
        }
    }

    private final StackProbe probe;
    private final ObjectMapper json = new ObjectMapper();

    public InvariantChecker(StackProbe probe) {
        this.probe = probe;
    }

    /** The invariants after orders only (no provider changed an offering meanwhile). */
    public Report check(Collection<String> acceptedOrders, PrintStream out) throws Exception {
        return check(acceptedOrders, List.of(), out);
    }

    public Report check(
            Collection<String> acceptedOrders, Collection<OpenLoopDriver.ProviderChange> changes, PrintStream out)
            throws Exception {
        return check(acceptedOrders, changes, List.of(), out);
    }

    public Report check(
            Collection<String> acceptedOrders,
            Collection<OpenLoopDriver.ProviderChange> changes,
            Collection<DeliveryTraffic.AcceptedOutage> outages,
            PrintStream out)
            throws Exception {
        List<String> violations = new ArrayList<>();
        int leasesWithOutages = delivery(outages, violations);

        // 1. Accepted orders are resting or terminal.
        Map<String, String> status = new HashMap<>();
        try (Connection c = probe.database("orders");
                PreparedStatement q =
                        c.prepareStatement("select id::text, status from compute_order where id = any(?)")) {
            Array ids = c.createArrayOf(
                    "uuid", acceptedOrders.stream().map(UUID::fromString).toArray());
            q.setArray(1, ids);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        for (String id : acceptedOrders) {
            String s = status.get(id);
            if (s == null) {
                violations.add("accepted order " + id + " is missing from order-service");
            } else if (s.equals("ACCEPTED")) {
                violations.add("accepted order " + id + " never got the matcher's verdict (still ACCEPTED)");
            }
        }

        // 2. Fills = FILL events, by id; standing fills = leases; refused fills reversed.
        Set<String> fills = ids("orders", "select id::text from fill");
        Set<String> standing = ids("orders", "select id::text from fill where reversed_at is null");
        Set<String> leases = ids("catalog", "select id::text from lease");
        Set<String> conflicts = ids("catalog", "select fill_id::text from lease_conflict");
        Set<String> events = new HashSet<>();
        long deliveries = 0;
        List<JsonNode> fillEvents = new ArrayList<>();
        for (ConsumerRecord<String, String> record : probe.readAll("market-events")) {
            JsonNode event = json.readTree(record.value());
            if (event.path("type").asText().equals("FILL")) {
                deliveries++;
                if (events.add(event.path("eventId").asText())) {
                    fillEvents.add(event);
                }
            }
        }
        differences("FILL event without an order-service fill", events, fills, violations);
        differences("order-service fill without a FILL event", fills, events, violations);
        differences("FILL event without a catalog lease", events, leases, violations);
        differences("catalog lease without a FILL event", leases, events, violations);
        differences("order-service fill standing without a catalog lease", standing, leases, violations);
        differences("catalog lease whose order-service fill does not stand", leases, standing, violations);
        conflicts.forEach(id -> violations.add("fill " + id + " refused by the catalog's capacity ledger (oversold)"));
        conflicts.stream()
                .filter(standing::contains)
                .forEach(id -> violations.add(
                        "fill " + id + " refused by the capacity ledger but not reversed in order-service"));

        // 2b. Every ORDER_PLACED has its order, every order its ORDER_PLACED.
        // (On order-events, or straight on market-commands for an order naming one hub.)
        Set<String> placed = new HashSet<>(PublishedPlacements.read(probe).keySet());
        Set<String> stored = ids("orders", "select id::text from compute_order");
        // An order refused for want of funds is stored, and never published: no book may see it.
        Set<String> refused = ids("orders", "select id::text from compute_order where shortfall is not null");
        Set<String> published = new TreeSet<>(stored);
        published.removeAll(refused);
        differences("ORDER_PLACED published without its order row", placed, stored, violations);
        differences("stored order without its ORDER_PLACED event", published, placed, violations);
        refused.stream()
                .filter(placed::contains)
                .forEach(id -> violations.add("order " + id + " refused for want of funds was published to the books"));

        // 3. No hour slot beyond its devices: from the catalog's leases, and from the FILL events.
        long slots = probe.count("catalog", """
                select count(*) from (select l.offering_id, h.slot from lease l
                cross join lateral generate_series(l.starts_at, l.ends_at - interval '1 hour', interval '1 hour') h(slot)
                group by l.offering_id, h.slot) s""");
        try (Connection c = probe.database("catalog");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                select l.offering_id::text, h.slot, sum(l.devices), max(o.devices) from lease l
                join offering o on o.id = l.offering_id
                cross join lateral generate_series(l.starts_at, l.ends_at - interval '1 hour', interval '1 hour') h(slot)
                group by l.offering_id, h.slot having sum(l.devices) > max(o.devices)""")) {
            while (rs.next()) {
                violations.add("offering " + rs.getString(1) + " leased " + rs.getLong(3) + " devices at "
                        + rs.getString(2) + " but has " + rs.getLong(4));
            }
        }
        Map<String, Long> devices = new HashMap<>();
        try (Connection c = probe.database("catalog");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id::text, devices from offering")) {
            while (rs.next()) {
                devices.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> perSlot = new HashMap<>();
        for (JsonNode fill : fillEvents) {
            long from = java.time.Instant.parse(fill.path("start").asText()).getEpochSecond() / 3600;
            long to = java.time.Instant.parse(fill.path("end").asText()).getEpochSecond() / 3600;
            for (long hour = from; hour < to; hour++) {
                perSlot.merge(
                        fill.path("offeringId").asText() + "@" + hour,
                        fill.path("devices").asLong(),
                        Long::sum);
            }
        }
        perSlot.forEach((slot, leased) -> {
            String offering = slot.substring(0, slot.indexOf('@'));
            if (leased > devices.getOrDefault(offering, 0L)) {
                violations.add("FILL events lease " + leased + " devices of offering " + offering + " in hour "
                        + slot.substring(slot.indexOf('@') + 1) + " but it has " + devices.get(offering));
            }
        });

        // 4. Every accepted provider change reached the matcher.
        Map<String, Long> seen = new HashMap<>();
        for (ConsumerRecord<String, String> record : probe.readAll("market-commands")) {
            JsonNode command = json.readTree(record.value());
            if (command.path("kind").asText().equals("OFFERING")) {
                JsonNode offering = json.readTree(command.path("payload").asText());
                seen.merge(
                        offering.path("offeringId").asText(),
                        offering.path("version").asLong(),
                        Math::max);
            }
        }
        for (OpenLoopDriver.ProviderChange change : changes) {
            if (seen.getOrDefault(change.offeringId(), -1L) < change.version()) {
                violations.add("provider change " + change.offeringId() + " v" + change.version()
                        + " never reached the matcher");
            }
        }

        // 5. Money balances in settlement-service's ledger.
        long entries = probe.count("settlement", "select count(*) from journal_entry");
        try (Connection c = probe.database("settlement");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                select 'journal entry ' || entry_id || ' sums to ' || sum(amount) from posting
                group by entry_id having sum(amount) <> 0
                union all
                select 'account ' || a.id || ' (' || a.tenant || ' ' || a.kind || ') holds ' || (a.credits - a.debits)
                    || ' but its postings sum to ' || coalesce(p.total, 0)
                from account a left join (select account_id, sum(amount) as total from posting group by account_id) p
                    on p.account_id = a.id
                where a.credits - a.debits <> coalesce(p.total, 0)
                union all
                select 'account ' || id || ' (' || tenant || ' ' || kind || ') is below its credit limit'
                from account where debits_must_not_exceed_credits and debits > credits + credit_limit""")) {
            while (rs.next()) {
                violations.add(rs.getString(1));
            }
        }

        // 6. Pre-trade risk, when orders must be funded (order-service; seen from the data: some order holds, or
        // was refused for want of funds): each open order holds the worst case of what it still wants and a
        // terminal one nothing; a tenant's holds are the sum of its orders' (less what vouchers back), its charges
        // the cost of its standing fills (less what they drew from vouchers); holds plus charges never exceed its
        // funding; each voucher's holds and draws are its orders' and fills', and a fill drew only on vouchers
        // that pay for its hub and PUE.
        boolean funded =
                probe.count("orders", "select count(*) from compute_order where held > 0 or shortfall is not null") > 0;
        try (Connection c = probe.database("orders");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(!funded ? "select 'none' where false" : """
                with filled as (
                    select o.id, coalesce(sum(case when o.kind = 'DEVICES' then f.devices
                        else f.devices * coalesce(f.gflops_per_device, 0) end), 0) as units
                    from compute_order o left join fill f on f.order_id = o.id and f.reversed_at is null
                    group by o.id),
                needed as (
                    select o.id, o.held, case when o.status in ('FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED') then 0
                        when o.kind = 'DEVICES' then o.limit_price * greatest(0, o.devices - f.units) * o.duration_hours
                        when o.throughput_gflops <= f.units then 0
                        else ceil(o.limit_price::numeric * (o.throughput_gflops - f.units + o.hold_slack_gflops)
                            * o.duration_hours / 1000000) end as needed
                    from compute_order o join filled f on f.id = o.id)
                select 'order ' || id || ' holds ' || held || ' but needs ' || needed from needed
                where held <> needed
                union all
                select 'tenant ' || b.tenant || ' ' || b.currency || ': holds ' || b.held || ' but its orders hold '
                    || coalesce(o.held, 0) || ' in money'
                from buying_power b left join (select tenant, currency, sum(held - voucher_held) as held
                    from compute_order group by tenant, currency) o on o.tenant = b.tenant and o.currency = b.currency
                where b.held <> coalesce(o.held, 0)
                union all
                select 'tenant ' || b.tenant || ' ' || b.currency || ': charged ' || b.charged
                    || ' but its standing fills cost ' || coalesce(f.cost, 0) || ' in money'
                from buying_power b left join (select o.tenant, o.currency,
                        sum(f.cost - coalesce((select sum(d.amount) from fill_voucher_draw d
                            where d.fill_id = f.id and not d.returned), 0)) as cost
                    from fill f join compute_order o on o.id = f.order_id where f.reversed_at is null
                    group by o.tenant, o.currency) f on f.tenant = b.tenant and f.currency = b.currency
                where b.charged <> coalesce(f.cost, 0)
                union all
                select 'order ' || o.id || ' holds ' || o.voucher_held || ' of vouchers but its parts sum to '
                    || coalesce(h.held, 0)
                from compute_order o left join (select order_id, sum(held) as held from order_voucher_hold
                    group by order_id) h on h.order_id = o.id
                where o.voucher_held <> coalesce(h.held, 0)
                union all
                select 'voucher ' || v.id || ': held ' || v.held || ', drawn ' || v.drawn || ' but orders hold '
                    || coalesce(h.held, 0) || ' and fills drew ' || coalesce(d.drawn, 0)
                from voucher v
                left join (select voucher_id, sum(held) as held from order_voucher_hold group by voucher_id) h
                    on h.voucher_id = v.id
                left join (select voucher_id, sum(amount) as drawn from fill_voucher_draw where not returned
                    group by voucher_id) d on d.voucher_id = v.id
                where v.held <> coalesce(h.held, 0) or v.drawn <> coalesce(d.drawn, 0)
                union all
                select 'fill ' || f.id || ' drew ' || d.amount || ' from voucher ' || v.id
                    || ', which does not pay for fills in ' || f.hub_id || coalesce(' at PUE ' || f.pue_milli, '')
                    || ', or for an order that could trade after it expired'
                from fill_voucher_draw d join fill f on f.id = d.fill_id join voucher v on v.id = d.voucher_id
                    join compute_order o on o.id = f.order_id
                where (cardinality(v.hubs) > 0 and not f.hub_id = any(v.hubs))
                    or (v.max_pue_milli is not null and (f.pue_milli is null or f.pue_milli > v.max_pue_milli))
                    or coalesce(o.good_till, o.created_at) >= v.expires_at
                union all
                select 'tenant ' || tenant || ' ' || currency || ': holds ' || held || ' and was charged ' || charged
                    || ', beyond its funding ' || (paid_in + credit_limit)
                from buying_power where free < 0""")) {
            while (rs.next()) {
                violations.add(rs.getString(1));
            }
        }

        // 7. Settlement of fills: every FILL event is settled once at its cost (the buyer's charge in
        // order-service), refunded in full exactly when the fill was reversed; what left escrow is the provider's
        // payable plus the fee at the lease's rate; escrow and fee accounts hold what the leases say.
        settlementOfFills(fillEvents, standing, violations);

        // 8. Standing plans stay within their budgets and sizes.
        PlanCheck plans = plans();
        violations.addAll(plans.violations());

        // 9. Resale never sells a lease's hours twice.
        ResaleCheck resales = resales();
        violations.addAll(resales.violations());

        Report report = new Report(
                acceptedOrders.size(),
                fills.size(),
                leases.size(),
                events.size(),
                deliveries - events.size(),
                slots,
                changes.size(),
                placed.size(),
                entries,
                outages.size(),
                leasesWithOutages,
                plans.plans(),
                plans.fills(),
                resales.listings(),
                resales.leases(),
                violations);
        out.println(report.summary());
        violations.stream().limit(50).forEach(v -> out.println("  VIOLATION " + v));
        return report;
    }

    /** What the check of standing plans found: how many plans and fills it looked at, and the violations. */
    public record PlanCheck(long plans, long fills, List<String> violations) {}

    /**
     * A plan's orders are those whose idempotency key the plan made ({@code plan-<id>-<hour>-<attempt>}), linked to
     * it or not; their standing fills must fit its budget and, per hour, the most devices it ever asked for
     * (scaling down cancels open orders, not fills).
     */
    public PlanCheck plans() throws Exception {
        record Plan(long budget, int peak) {}
        Map<String, Plan> plans = new HashMap<>();
        Map<String, Long> spent = new HashMap<>();
        List<String> violations = new ArrayList<>();
        long fills = 0;
        try (Connection c = probe.database("orders");
                Statement s = c.createStatement();
                // Per plan and hour its orders filled; the literal like 'plan-%' uses the index of plan orders.
                ResultSet rs = s.executeQuery("""
                        select p.id::text, p.budget, p.peak_devices, f.starts_at, sum(f.devices), sum(f.cost), count(*)
                        from procurement_plan p
                        join compute_order o on o.tenant = p.tenant and o.idempotency_key like 'plan-%'
                            and starts_with(o.idempotency_key, 'plan-' || p.id || '-')
                        join fill f on f.order_id = o.id and f.reversed_at is null
                        group by p.id, p.budget, p.peak_devices, f.starts_at""")) {
            while (rs.next()) {
                String id = rs.getString(1);
                plans.putIfAbsent(id, new Plan(rs.getLong(2), rs.getInt(3)));
                Plan plan = plans.get(id);
                long devices = rs.getLong(5);
                if (devices > plan.peak()) {
                    violations.add("plan " + id + " holds " + devices + " devices at " + rs.getString(4)
                            + ", more than the most it ever asked for (" + plan.peak() + ")");
                }
                spent.merge(id, rs.getLong(6), Long::sum);
                fills += rs.getLong(7);
            }
        }
        spent.forEach((id, cost) -> {
            if (cost > plans.get(id).budget()) {
                violations.add("plan " + id + " spent " + cost + ", beyond its budget of "
                        + plans.get(id).budget());
            }
        });
        return new PlanCheck(probe.count("orders", "select count(*) from procurement_plan"), fills, violations);
    }

    /** What the check of resale found: how many resale listings and leases of them it looked at, and the violations. */
    public record ResaleCheck(long listings, long leases, List<String> violations) {}

    /**
     * Per lease resold and hour: the leases of its resale listings (those listings' own slots are checked with every
     * offering's) hold no more devices than it does, and none in an hour it does not cover.
     */
    public ResaleCheck resales() throws Exception {
        List<String> violations = new ArrayList<>();
        try (Connection c = probe.database("catalog");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select r.resale_of::text, h.slot, sum(l.devices), max(p.devices),
                               bool_or(h.slot < p.starts_at or h.slot >= p.ends_at)
                        from offering r
                        join lease p on p.id = r.resale_of
                        join lease l on l.offering_id = r.id
                        cross join lateral generate_series(l.starts_at, l.ends_at - interval '1 hour', interval '1 hour') h(slot)
                        where r.resale_of is not null
                        group by r.resale_of, h.slot
                        having sum(l.devices) > max(p.devices) or bool_or(h.slot < p.starts_at or h.slot >= p.ends_at)""")) {
            while (rs.next()) {
                violations.add(
                        rs.getBoolean(5)
                                ? "lease " + rs.getString(1) + " was resold at " + rs.getString(2)
                                        + ", an hour it does not hold"
                                : "lease " + rs.getString(1) + " holds " + rs.getLong(4) + " devices but "
                                        + rs.getLong(3) + " of them were resold at " + rs.getString(2));
            }
        }
        return new ResaleCheck(
                probe.count("catalog", "select count(*) from offering where resale_of is not null"),
                probe.count(
                        "catalog",
                        "select count(*) from lease l join offering r on r.id = l.offering_id where r.resale_of is not null"),
                violations);
    }

    /** What fills drew from vouchers is the same in order-service (which decides it) and the ledger. */
    private void voucherDraws(List<String> violations) throws Exception {
        Map<String, Long> decided = drawsByFill("orders", """
                select fill_id::text, coalesce(sum(amount) filter (where not returned), 0)
                from fill_voucher_draw group by fill_id""");
        Map<String, Long> posted = drawsByFill("settlement", """
                select fill_id::text, coalesce(sum(amount) filter (where returned_at is null), 0)
                from voucher_use group by fill_id""");
        Set<String> fills = new HashSet<>(decided.keySet());
        fills.addAll(posted.keySet());
        for (String fill : fills) {
            long d = decided.getOrDefault(fill, 0L);
            long p = posted.getOrDefault(fill, 0L);
            if (d != p) {
                violations.add(
                        "fill " + fill + " drew " + d + " from vouchers in order-service but " + p + " in the ledger");
            }
        }
    }

    private Map<String, Long> drawsByFill(String database, String sql) throws Exception {
        Map<String, Long> byFill = new HashMap<>();
        try (Connection c = probe.database(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                byFill.put(rs.getString(1), rs.getLong(2));
            }
        }
        return byFill;
    }

    private void settlementOfFills(List<JsonNode> fillEvents, Set<String> standing, List<String> violations)
            throws Exception {
        Map<String, Long> orderCosts = new HashMap<>();
        try (Connection c = probe.database("orders");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id::text, cost from fill")) {
            while (rs.next()) {
                orderCosts.put(rs.getString(1), rs.getLong(2));
            }
        }
        record Settled(
                long cost,
                String state,
                long released,
                long fees,
                int feeBps,
                long traded,
                long refunded,
                long paidOut,
                long credited) {}
        Map<String, Settled> settled = new HashMap<>();
        // What SLA credits gave each buyer, by the ledger's postings (few leases have any).
        Map<String, Long> slaCredits = new HashMap<>();
        try (Connection c = probe.database("settlement");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                select e.reference, sum(p.amount) from journal_entry e join posting p on p.entry_id = e.id
                join account a on a.id = p.account_id
                where e.kind = 'SLA_CREDITED' and a.kind = 'AVAILABLE' group by e.reference""")) {
            while (rs.next()) {
                slaCredits.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (Connection c = probe.database("settlement");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                select l.fill_id::text, l.cost, l.state, l.released, l.fees, l.fee_bps,
                    coalesce(sum(e.amount) filter (where e.kind = 'TRADE'), 0),
                    coalesce(sum(e.amount) filter (where e.kind = 'TRADE_REFUNDED'), 0), l.paid_out, l.credited
                from lease_settlement l left join journal_entry e on e.reference = l.fill_id::text
                group by l.fill_id""")) {
            while (rs.next()) {
                settled.put(
                        rs.getString(1),
                        new Settled(
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getInt(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getLong(10)));
            }
        }
        Set<String> events = new HashSet<>();
        for (JsonNode fill : fillEvents) {
            String id = fill.path("eventId").asText();
            events.add(id);
            long cost = fill.path("cost").asLong();
            Settled l = settled.get(id);
            if (l == null) {
                violations.add("fill " + id + " was never settled in the ledger");
                continue;
            }
            if (l.cost() != cost || l.traded() != cost || !Long.valueOf(cost).equals(orderCosts.get(id))) {
                violations.add("fill " + id + " cost " + cost + " but the ledger charged " + l.traded() + " (lease "
                        + l.cost() + ", order-service " + orderCosts.get(id) + ")");
            }
            boolean refunded = l.state().equals("REFUNDED");
            if (refunded == standing.contains(id) || l.refunded() != (refunded ? cost - l.credited() : 0)) {
                violations.add("fill " + id + (standing.contains(id) ? " stands" : " was reversed")
                        + " but its lease is " + l.state() + " with " + l.refunded() + " refunded");
            }
            // The fee is the exchange's share of what the provider earned (released less the buyer's credits).
            long earned = l.released() - l.credited();
            if (l.fees() != earned * l.feeBps() / 10_000 || l.paidOut() != earned - l.fees()) {
                violations.add("fill " + id + ": fee " + l.fees() + " and payout " + l.paidOut() + " on " + earned
                        + " earned at " + l.feeBps() + " bps");
            }
            // SLA credits never exceed what the lease cost, and the ledger gave the buyer exactly them.
            if (l.credited() < 0 || l.credited() > cost || l.credited() != slaCredits.getOrDefault(id, 0L)) {
                violations.add("fill " + id + ": SLA credits " + l.credited() + " of a lease costing " + cost
                        + ", the ledger credited the buyer " + slaCredits.getOrDefault(id, 0L));
            }
        }
        differences("lease settled without a FILL event", settled.keySet(), events, violations);
        voucherDraws(violations);
        try (Connection c = probe.database("settlement");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                select 'ledger in ' || currency || ' sums to ' || sum(credits - debits) from account
                group by currency having sum(credits - debits) <> 0
                union all
                select 'provider ' || coalesce(a.tenant, l.provider) || ' holds ' || coalesce(a.balance, 0)
                    || ' in escrow but its leases say ' || coalesce(l.escrow, 0)
                from (select tenant, currency, credits - debits as balance from account where kind = 'ESCROW') a
                full join (select provider, currency, sum(cost - released) as escrow from lease_settlement
                    where state <> 'REFUNDED' group by provider, currency) l
                    on l.provider = a.tenant and l.currency = a.currency
                where coalesce(a.balance, 0) <> coalesce(l.escrow, 0)
                union all
                select 'the exchange holds ' || coalesce(a.balance, 0) || ' ' || coalesce(a.currency, l.currency)
                    || ' in fees but its leases say ' || coalesce(l.fees, 0)
                from (select currency, credits - debits as balance from account where kind = 'FEES') a
                full join (select currency, sum(fees) as fees from lease_settlement where state <> 'REFUNDED'
                    group by currency) l on l.currency = a.currency
                where coalesce(a.balance, 0) <> coalesce(l.fees, 0)""")) {
            while (rs.next()) {
                violations.add(rs.getString(1));
            }
        }
    }

    /**
     * Delivery: every outage the API accepted is recorded, and every lease with recorded outages has been
     * credited at least what they cost at the trade price (an outage touching an hour makes its devices
     * undelivered for that hour: per hour, the devices of the outages touching it, at most the lease's),
     * never more than the lease cost.
     */
    private int delivery(Collection<DeliveryTraffic.AcceptedOutage> accepted, List<String> violations)
            throws Exception {
        record Recorded(String lease, java.time.Instant start, java.time.Instant end, int devices) {}
        List<Recorded> recorded = new ArrayList<>();
        try (Connection c = probe.database("settlement");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select fill_id::text, starts_at, ends_at, devices from delivery_outage")) {
            while (rs.next()) {
                recorded.add(new Recorded(
                        rs.getString(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(),
                        rs.getInt(4)));
            }
        }
        Set<String> keys = new HashSet<>();
        recorded.forEach(r -> keys.add(r.lease() + "@" + r.start()));
        for (DeliveryTraffic.AcceptedOutage o : accepted) {
            if (!keys.contains(o.leaseId() + "@" + o.start())) {
                violations.add("outage " + o + " was accepted but is not recorded");
            }
        }
        Map<String, List<Recorded>> byLease = new HashMap<>();
        recorded.forEach(
                r -> byLease.computeIfAbsent(r.lease(), k -> new ArrayList<>()).add(r));
        Set<String> found = new HashSet<>();
        try (Connection c = probe.database("settlement");
                PreparedStatement q = c.prepareStatement("""
                        select fill_id::text, devices, start_at, end_at, cost, credited from lease_settlement
                        where fill_id = any(?) and state <> 'REFUNDED'""")) {
            q.setArray(
                    1,
                    c.createArrayOf(
                            "uuid",
                            byLease.keySet().stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String lease = rs.getString(1);
                    found.add(lease);
                    int devices = rs.getInt(2);
                    java.time.Instant start = rs.getTimestamp(3).toInstant();
                    long hours = java.time.Duration.between(
                                    start, rs.getTimestamp(4).toInstant())
                            .toHours();
                    long cost = rs.getLong(5);
                    long credited = rs.getLong(6);
                    long undelivered = 0;
                    for (long h = 0; h < hours; h++) {
                        java.time.Instant from = start.plus(java.time.Duration.ofHours(h));
                        java.time.Instant to = from.plus(java.time.Duration.ofHours(1));
                        long inHour = byLease.get(lease).stream()
                                .filter(r -> r.start().isBefore(to) && r.end().isAfter(from))
                                .mapToLong(Recorded::devices)
                                .sum();
                        undelivered += Math.min(devices, inHour);
                    }
                    long owed = Math.multiplyExact(cost, undelivered) / (devices * hours);
                    if (credited < owed || credited > cost) {
                        violations.add("lease " + lease + " credited " + credited + " for outages worth " + owed
                                + " (cost " + cost + ")");
                    }
                }
            }
        }
        // A refunded lease is left out above (its money all went back); a lease missing altogether is not.
        Set<String> refunded = ids("settlement", "select fill_id::text from lease_settlement where state = 'REFUNDED'");
        byLease.keySet().stream()
                .filter(l -> !found.contains(l) && !refunded.contains(l))
                .forEach(l -> violations.add("outages recorded on " + l + ", which is no lease"));
        return byLease.size();
    }

    private Set<String> ids(String database, String sql) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Connection c = probe.database(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void differences(String what, Set<String> these, Set<String> those, List<String> violations) {
        for (String id : these) {
            if (!those.contains(id)) {
                violations.add(what + ": " + id);
            }
        }
    }
}
