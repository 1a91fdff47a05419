package io.flopx.cli;

import io.flopx.client.api.MarketApi;
import io.flopx.client.invoker.ApiException;
import io.flopx.client.model.MarketFrame;
import io.flopx.client.stream.MarketStream;
import java.time.Duration;
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
            description = "A live view of depth and the latest trades from the exchange's market stream: redrawn"
                    + " whenever the market changes, until Ctrl-C (or --count frames). JSON and CSV print every frame.",
            footer = {
                "",
                "Examples:",
                "  flopx market watch --hub ningxia",
                "  flopx market watch --model H100-SXM5-80GB --count 3 -o json"
            })
    static class Watch implements Callable<Integer> {

        /** How long to wait before opening the stream again after the connection broke. */
        static final Duration RECONNECT = Duration.ofSeconds(1);

        @Mixin
        Session session;

        @Option(names = "--hub")
        String hub;

        @Option(names = "--model")
        String model;

        @Option(
                names = "--trades",
                defaultValue = "10",
                paramLabel = "N",
                description = "The newest trades shown (1-200, default: ${DEFAULT-VALUE})")
        int trades;

        @Option(names = "--count", paramLabel = "N", description = "Stop after N frames (default: until Ctrl-C)")
        Integer count;

        private int shown;

        /** Thrown from the frame handler once --count frames were shown: ends the stream. */
        private static final class Enough extends RuntimeException {
            Enough() {
                super(null, null, false, false);
            }
        }

        @Override
        public Integer call() throws Exception {
            if (trades < 1 || trades > 200) {
                throw new UsageException("--trades must be between 1 and 200");
            }
            if (count != null && count < 1) {
                throw new UsageException("--count must be at least 1");
            }
            MarketStream stream = new MarketStream(session.api());
            Printer printer = session.printer();
            boolean redraw = printer.format() == Format.table && System.console() != null;
            if (printer.format() == Format.table) {
                session.err().println("Connecting to the market stream...");
            }
            while (true) {
                int before = shown;
                try {
                    // Returns when the exchange ends the stream (the token expired): open it again with a fresh one.
                    stream.read(hub, model, trades, frame -> show(frame, printer, redraw));
                    if (shown == before) {
                        Thread.sleep(RECONNECT.toMillis()); // ended at once: do not spin
                    }
                } catch (Enough done) {
                    return ExitCodes.OK;
                } catch (ApiException e) {
                    // A stream that worked and broke (a restart, a network blip) is opened again; a refusal is not.
                    if (e.getCode() != 0 || shown == 0) {
                        throw e;
                    }
                    session.err().println("The market stream broke (" + e.getCause() + "); reconnecting...");
                    Thread.sleep(RECONNECT.toMillis());
                }
            }
        }

        private void show(MarketFrame frame, Printer printer, boolean redraw) {
            if (printer.format() == Format.json) {
                printer.json(frame);
            } else {
                if (redraw) {
                    // Clear the screen and go home: the view stays in place instead of scrolling.
                    session.out().print("\u001b[H\u001b[2J");
                }
                printer.note("FlopX market at " + Printer.text(frame.getAt()) + (hub == null ? "" : ", hub " + hub)
                        + (model == null ? "" : ", " + model) + "   (Ctrl-C to stop)");
                printer.rows(frame.getDepth(), Views.DEPTH);
                printer.note("");
                printer.note("Latest trades:");
                printer.rows(frame.getTrades(), Views.TRADES);
            }
            session.out().flush();
            shown++;
            if (count != null && shown >= count) {
                throw new Enough();
            }
        }
    }
}
