package io.flopx.cli;

import io.flopx.client.api.OfferingsApi;
import io.flopx.client.model.AmendOfferingRequest;
import io.flopx.client.model.CreateOfferingRequest;
import io.flopx.client.model.Precision;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "offerings",
        description = "Capacity: providers list, amend and withdraw theirs; everyone searches what is on offer.",
        subcommands = {
            OfferingsCommand.Create.class,
            OfferingsCommand.Ls.class,
            OfferingsCommand.Search.class,
            OfferingsCommand.Amend.class,
            OfferingsCommand.Withdraw.class
        })
class OfferingsCommand {

    @Command(
            name = "create",
            description = "List devices of a model at one of your sites for a window, at a price per device-hour.",
            footer = {
                "",
                "Example:",
                "  flopx offerings create --site 5f1e... --model H100-SXM5-80GB --devices 16 \\",
                "      --from 2026-12-03 --until 2026-12-06 --price 14.50 --currency CNY"
            })
    static class Create implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--site", required = true, paramLabel = "SITE-ID")
        UUID site;

        @Option(names = "--model", required = true, description = "See `flopx models`")
        String model;

        @Option(names = "--devices", required = true)
        int devices;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "TIME",
                description = "Available from (whole hours, UTC)")
        String from;

        @Option(names = "--until", required = true, paramLabel = "TIME", description = "Available until")
        String until;

        @Option(names = "--price", required = true, description = "Per device-hour, e.g. 14.50")
        BigDecimal price;

        @Option(names = "--currency", defaultValue = "CNY", description = "Default: ${DEFAULT-VALUE}")
        String currency;

        @Option(names = "--min-lease-hours", paramLabel = "H")
        Integer minLeaseHours;

        @Option(
                names = "--availability-bps",
                paramLabel = "BPS",
                description = "Committed availability, basis points (9950 = 99.5 %)")
        Integer availabilityBps;

        @Override
        public Integer call() throws Exception {
            CreateOfferingRequest offering = new CreateOfferingRequest()
                    .siteId(site)
                    .model(model)
                    .devices(devices)
                    .availableFrom(Times.parse(from, "--from"))
                    .availableUntil(Times.parse(until, "--until"))
                    .pricePerDeviceHour(Money.toMinor(price, currency, "--price"))
                    .currency(currency)
                    .minLeaseHours(minLeaseHours)
                    .availabilityBps(availabilityBps);
            session.printer().one(new OfferingsApi(session.api()).create(offering), Views.OFFERINGS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ls",
            description = "Your offerings (an operator sees everyone's).",
            footer = {"", "Example:", "  flopx offerings ls -o csv"})
    static class Ls implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new OfferingsApi(session.api()).callList(null, limit, null), Views.OFFERINGS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "search",
            description = "What is on offer, cheapest first (or by effective price per PFLOP-hour at a precision).",
            footer = {
                "",
                "Examples:",
                "  flopx offerings search --hub ningxia",
                "  flopx offerings search --precision FP16 --sort effectivePrice --max-pue 1.3"
            })
    static class Search implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--hub")
        String hub;

        @Option(names = "--model")
        String model;

        @Option(names = "--precision", description = "Price per PFLOP-hour at this precision")
        String precision;

        @Option(names = "--sort", description = "price or effectivePrice")
        String sort;

        @Option(names = "--max-pue", paramLabel = "PUE")
        BigDecimal maxPue;

        @Option(names = "--min-green", paramLabel = "RATING")
        String minGreen;

        @Option(names = "--size", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE})")
        int size;

        @Override
        public Integer call() throws Exception {
            Precision p = precision == null ? null : OrderOptions.enumValue(Precision.class, precision, "--precision");
            var page = new OfferingsApi(session.api())
                    .search(
                            null, hub, null, null, null, maxPue, minGreen, null, null, model, null, null, p, size, sort,
                            null, null);
            Printer printer = session.printer();
            if (printer.format() == Format.json) {
                printer.json(page);
            } else {
                printer.rows(page.getItems(), Views.CAPACITY);
                printer.note(page.getItems().size() + " of " + page.getTotal());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "amend",
            description = "Change an offering's price, devices or end (leases already made stand).",
            footer = {"", "Example:", "  flopx offerings amend 7a2c... --price 13.90"})
    static class Amend implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "OFFERING-ID")
        UUID id;

        @Option(names = "--price", description = "New price per device-hour")
        BigDecimal price;

        @Option(names = "--devices")
        Integer devices;

        @Option(names = "--until", paramLabel = "TIME")
        String until;

        @Override
        public Integer call() throws Exception {
            OfferingsApi offerings = new OfferingsApi(session.api());
            AmendOfferingRequest change =
                    new AmendOfferingRequest().devices(devices).availableUntil(Times.parse(until, "--until"));
            if (price != null) {
                change.pricePerDeviceHour(Money.toMinor(price, offerings.get(id).getCurrency(), "--price"));
            }
            session.printer().one(offerings.amend(id, change), Views.OFFERINGS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "withdraw",
            description = "Take an offering off the market (leases already made stand).",
            footer = {"", "Example:", "  flopx offerings withdraw 7a2c..."})
    static class Withdraw implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "OFFERING-ID")
        UUID id;

        @Override
        public Integer call() throws Exception {
            session.printer().one(new OfferingsApi(session.api()).withdraw(id), Views.OFFERINGS);
            return ExitCodes.OK;
        }
    }
}
