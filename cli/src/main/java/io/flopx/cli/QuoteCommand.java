package io.flopx.cli;

import io.flopx.client.api.MarketApi;
import io.flopx.client.model.FunnelStep;
import io.flopx.client.model.Quote;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "quote",
        description = "What an order would get now and what it would cost; if not all, why (the funnel of constraints)"
                + " and the nearest alternative. Trades nothing.",
        footer = {
            "",
            "Examples:",
            "  flopx quote --model H100-SXM5-80GB --devices 8 --hours 10 --earliest 2026-12-03T08:00Z \\",
            "      --latest 2026-12-03T14:00Z --limit 16.00 --hub ningxia",
            "  flopx quote --tflops 1978.8 --precision FP16 --hours 4 --earliest 2026-12-03T08:00Z --limit 15.00 -o json"
        })
class QuoteCommand implements Callable<Integer> {

    @Mixin
    Session session;

    @Mixin
    OrderOptions order;

    @Override
    public Integer call() throws Exception {
        Quote quote = new MarketApi(session.api()).quote(order.request());
        Printer printer = session.printer();
        if (printer.format() == Format.json) {
            printer.json(quote);
            return ExitCodes.OK;
        }
        if (printer.format() == Format.csv) {
            printer.rows(quote.getFills(), Views.QUOTED_FILLS);
            return ExitCodes.OK;
        }
        show(quote, session.tableOn(session.out()), session.out());
        return ExitCodes.OK;
    }

    /** A quote for people: the verdict, the fills it would get, and if not all, why and what is nearest. */
    static void show(Quote quote, Printer table, PrintWriter out) {
        out.println((Boolean.TRUE.equals(quote.getComplete()) ? "Fills completely: " : "Would fill ")
                + quote.getFilled() + " of " + quote.getRequested() + " " + quote.getUnit() + ", cost "
                + Money.format(quote.getCost(), quote.getCurrency()));
        if (quote.getFills() != null && !quote.getFills().isEmpty()) {
            table.rows(quote.getFills(), Views.QUOTED_FILLS);
        }
        if (quote.getReason() != null) {
            out.println("Why not all: " + quote.getReason());
        }
        if (quote.getFunnel() != null && !quote.getFunnel().isEmpty()) {
            out.println("Offerings left after each constraint:");
            for (FunnelStep step : quote.getFunnel()) {
                out.println("  " + step.getConstraint() + ": " + step.getOfferings());
            }
        }
        var alt = quote.getAlternatives();
        if (alt != null) {
            if (alt.getLimitPriceNeeded() != null) {
                out.println("Nearest: a limit of " + Money.format(alt.getLimitPriceNeeded(), quote.getCurrency()));
            }
            if (alt.getHubsWithCapacity() != null && !alt.getHubsWithCapacity().isEmpty()) {
                out.println("Nearest: hubs with capacity " + String.join(", ", alt.getHubsWithCapacity()));
            }
            if (alt.getLaterStart() != null) {
                out.println("Nearest: a start at " + Printer.text(alt.getLaterStart()));
            }
        }
        out.flush();
    }
}
