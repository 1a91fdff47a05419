package io.flopx.cli;

import io.flopx.client.api.MarketApi;
import io.flopx.client.api.OrdersApi;
import io.flopx.client.model.AmendOrderRequest;
import io.flopx.client.model.OrderStatus;
import io.flopx.client.model.OrderView;
import io.flopx.client.model.PlaceOrderRequest;
import io.flopx.client.model.Quote;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "orders",
        description = "An enterprise's orders: place (after a quote), list, show, amend, cancel.",
        subcommands = {
            OrdersCommand.Place.class,
            OrdersCommand.Ls.class,
            OrdersCommand.Show.class,
            OrdersCommand.Amend.class,
            OrdersCommand.Cancel.class
        })
class OrdersCommand {

    /** Waits while the matcher has not decided (ACCEPTED), with a progress line on stderr. */
    static OrderView awaitDecision(OrdersApi orders, OrderView order, Session session, Duration atMost)
            throws Exception {
        Instant until = Instant.now().plus(atMost);
        OrderView current = order;
        var err = session.err();
        err.print("Waiting for the matcher");
        while ("ACCEPTED".equals(current.getStatus()) && Instant.now().isBefore(until)) {
            err.print('.');
            err.flush();
            Thread.sleep(250);
            current = orders.get(order.getId());
        }
        err.println(" " + current.getStatus());
        return current;
    }

    @Command(
            name = "place",
            description = "Place an order: shows its quote first and asks to confirm (unless --yes), then places it"
                    + " once (a retry with the same --idempotency-key returns the same order).",
            footer = {
                "",
                "Examples:",
                "  flopx orders place --model H100-SXM5-80GB --devices 8 --hours 10 --earliest 2026-12-03T08:00Z \\",
                "      --latest 2026-12-03T14:00Z --limit 16.00 --hub ningxia --wait",
                "  flopx orders place --tflops 1978.8 --precision FP16 --hours 4 --earliest 2026-12-03T08:00Z \\",
                "      --limit 15.00 --partial --yes -o json"
            })
    static class Place implements Callable<Integer> {

        @Mixin
        Session session;

        @Mixin
        OrderOptions order;

        @Option(
                names = {"-y", "--yes"},
                description = "Place without showing the quote and asking")
        boolean yes;

        @Option(names = "--wait", description = "Wait (up to 30 s) until the matcher has filled or refused it")
        boolean await;

        @Option(
                names = "--idempotency-key",
                paramLabel = "KEY",
                description = "Makes a retry safe: the same key and order return the first (default: a new key)")
        String idempotencyKey;

        @Override
        public Integer call() throws Exception {
            PlaceOrderRequest request = order.request();
            if (!yes) {
                // Asked before anything is called: a script without --yes learns it at once.
                if (System.console() == null) {
                    throw new UsageException("Not a terminal: pass --yes to place without confirming");
                }
                Quote quote = new MarketApi(session.api()).quote(request);
                var err = session.err();
                err.println("Quote:");
                QuoteCommand.show(quote, session.tableOn(err), err);
                err.print("Place this order? [y/N] ");
                err.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null
                        || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                    err.println("Not placed.");
                    return ExitCodes.OK;
                }
            }
            OrdersApi orders = new OrdersApi(session.api());
            String key = idempotencyKey != null ? idempotencyKey : "cli-" + UUID.randomUUID();
            OrderView placed = orders.place(request, key);
            if (await) {
                placed = awaitDecision(orders, placed, session, Duration.ofSeconds(30));
            }
            session.printer().one(placed, Views.ORDERS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ls",
            description = "Your orders, newest first.",
            footer = {"", "Examples:", "  flopx orders ls", "  flopx orders ls --status FILLED -o csv"})
    static class Ls implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--status", description = "Only orders in this status (ACCEPTED, FILLED, REJECTED, ...)")
        String status;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            OrderStatus wanted = status == null ? null : OrderOptions.enumValue(OrderStatus.class, status, "--status");
            List<OrderView> orders =
                    new OrdersApi(session.api()).callList(null, null, null, null, null, limit, wanted, null, null);
            session.printer().rows(orders, Views.ORDERS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "show",
            description = "One order with its fills.",
            footer = {"", "Examples:", "  flopx orders show 0b4c...", "  flopx orders show 0b4c... --wait -o json"})
    static class Show implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "ORDER-ID")
        UUID id;

        @Option(names = "--wait", description = "Wait (up to 30 s) while the matcher has not decided")
        boolean await;

        @Override
        public Integer call() throws Exception {
            OrdersApi orders = new OrdersApi(session.api());
            OrderView order = orders.get(id);
            if (await) {
                order = awaitDecision(orders, order, session, Duration.ofSeconds(30));
            }
            Printer printer = session.printer();
            printer.one(order, Views.ORDERS);
            if (printer.format() == Format.table
                    && order.getFills() != null
                    && !order.getFills().isEmpty()) {
                printer.note("");
                printer.note("Fills:");
                for (var f : order.getFills()) {
                    printer.note("  " + f.getDevices() + " x " + f.getModel() + " in " + f.getHub() + ", "
                            + Printer.text(f.getStart()) + " to " + Printer.text(f.getEnd()) + " at "
                            + Money.format(f.getPricePerDeviceHour(), f.getCurrency()) + " per device-hour"
                            + (f.getReversedAt() == null ? "" : " (reversed: " + f.getReversalReason() + ")"));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "amend",
            description = "Change an open order's limit or size (the matcher re-evaluates it).",
            footer = {"", "Example:", "  flopx orders amend 0b4c... --limit 17.00"})
    static class Amend implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "ORDER-ID")
        UUID id;

        @Option(names = "--limit", paramLabel = "PRICE", description = "New highest price")
        BigDecimal limit;

        @Option(names = "--devices", paramLabel = "N", description = "New number of devices")
        Integer devices;

        @Option(names = "--tflops", paramLabel = "TFLOPS", description = "New throughput")
        BigDecimal tflops;

        @Override
        public Integer call() throws Exception {
            OrdersApi orders = new OrdersApi(session.api());
            AmendOrderRequest change = new AmendOrderRequest().devices(devices).tflops(tflops);
            if (limit != null) {
                change.limitPrice(Money.toMinor(limit, orders.get(id).getCurrency(), "--limit"));
            }
            session.printer().one(orders.amend(id, change), Views.ORDERS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel what is not filled yet (CANCELLED once the matcher confirms).",
            footer = {"", "Example:", "  flopx orders cancel 0b4c..."})
    static class Cancel implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "ORDER-ID")
        UUID id;

        @Override
        public Integer call() throws Exception {
            session.printer().one(new OrdersApi(session.api()).cancel(id), Views.ORDERS);
            return ExitCodes.OK;
        }
    }
}
