package io.flopx.cli;

import io.flopx.client.api.MarketApi;
import io.flopx.client.model.BookSummary;
import io.flopx.client.model.TradeRow;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "market",
        description = "Market data for everyone signed in: depth per hub and model, trades, the price index, live.",
        subcommands = {
            MarketCommand.Depth.class,
            MarketCommand.Trades.class,
            MarketCommand.Index.class,
            MarketCommand.Watch.class
        })
class MarketCommand {

    @Command(
            name = "depth",
            description = "Per hub and model: offerings and devices listed, the best ask a buyer can still take and"
                    + " from when, resting orders, the best bid, the last trade.",
            footer = {"", "Examples:", "  flopx market depth", "  flopx market depth --hub ningxia -o json"})
    static class Depth implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--hub")
        String hub;

        @Option(names = "--model")
        String model;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new MarketApi(session.api()).depth(hub, model), Views.DEPTH);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "trades",
            description = "Recent trades, newest first (anonymous: price, devices, hours).",
            footer = {"", "Example:", "  flopx market trades --hub ningxia --limit 20"})
    static class Trades implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--hub")
        String hub;

        @Option(names = "--model")
        String model;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new MarketApi(session.api()).trades(hub, limit, model), Views.TRADES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "index",
            description = "The price index per precision: best ask and traded price per PFLOP-hour.",
            footer = {"", "Example:", "  flopx market index"})
    static class Index implements Callable<Integer> {

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new MarketApi(session.api()).index(), Views.INDEX);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "watch",
            description = "A live view of depth and the latest trades, redrawn every --interval until Ctrl-C (or"
                    + " --count redraws). JSON and CSV print one snapshot per redraw.",
            footer = {"", "Examples:", "  flopx market watch --hub ningxia", "  flopx market watch --count 3 -o json"})
    static class Watch implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--hub")
        String hub;

        @Option(names = "--model")
        String model;

        @Option(
                names = "--interval",
                defaultValue = "1",
                paramLabel = "SECONDS",
                description = "Default: ${DEFAULT-VALUE}")
        double interval;

        @Option(names = "--count", paramLabel = "N", description = "Stop after N redraws (default: until Ctrl-C)")
        Integer count;

        record Snapshot(Instant at, List<BookSummary> depth, List<TradeRow> trades) {}

        @Override
        public Integer call() throws Exception {
            if (interval < 0.2) {
                throw new UsageException("--interval must be at least 0.2 seconds");
            }
            MarketApi market = new MarketApi(session.api());
            Printer printer = session.printer();
            boolean redraw = printer.format() == Format.table && System.console() != null;
            for (int n = 0; count == null || n < count; n++) {
                if (n > 0) {
                    Thread.sleep((long) (interval * 1000));
                }
                Snapshot s = new Snapshot(Instant.now(), market.depth(hub, model), market.trades(hub, 10, model));
                if (printer.format() == Format.json) {
                    printer.json(s);
                    continue;
                }
                if (redraw) {
                    // Clear the screen and go home: the view stays in place instead of scrolling.
                    session.out().print("\u001b[H\u001b[2J");
                }
                printer.note("FlopX market at " + Printer.text(s.at()) + (hub == null ? "" : ", hub " + hub)
                        + "   (Ctrl-C to stop)");
                printer.rows(s.depth(), Views.DEPTH);
                printer.note("");
                printer.note("Latest trades:");
                printer.rows(s.trades(), Views.TRADES);
            }
            return ExitCodes.OK;
        }
    }
}
