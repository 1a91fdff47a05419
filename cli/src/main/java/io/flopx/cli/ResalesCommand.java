package io.flopx.cli;

import io.flopx.client.api.ResaleApi;
import io.flopx.client.model.RepriceRequest;
import io.flopx.client.model.ResaleRequest;
import io.flopx.client.model.ResaleView;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "resales",
        description = "Resell devices of a lease you hold over hours not yet started (its provider still delivers).",
        subcommands = {
            ResalesCommand.Create.class,
            ResalesCommand.Ls.class,
            ResalesCommand.Reprice.class,
            ResalesCommand.Withdraw.class
        })
class ResalesCommand {

    static final Columns<ResaleView> RESALES = Columns.of(ResaleView.class)
            .add("ID", ResaleView::getId)
            .add("LEASE", ResaleView::getLeaseId)
            .add("STATUS", ResaleView::getStatus)
            .add("MODEL", ResaleView::getModel)
            .add("HUB", ResaleView::getHub)
            .add("DEVICES", ResaleView::getDevices)
            .add("FROM", ResaleView::getAvailableFrom)
            .add("UNTIL", ResaleView::getAvailableUntil)
            .add("PRICE/DEVICE-H", r -> Money.format(r.getPricePerDeviceHour(), r.getCurrency()))
            .add("SOLD DEVICE-H", ResaleView::getSoldDeviceHours);

    @Command(
            name = "create",
            description = "List devices of your lease at your own ask, for all its unstarted hours or a window.",
            footer = {"", "Example:", "  flopx resales create --lease 9d0e... --devices 2 --price 14.00"})
    static class Create implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--lease", required = true, paramLabel = "LEASE-ID", description = "See `flopx orders show`")
        UUID lease;

        @Option(names = "--devices", required = true)
        int devices;

        @Option(names = "--price", required = true, description = "Per device-hour, in the lease's currency")
        BigDecimal price;

        @Option(names = "--currency", defaultValue = "CNY", description = "The lease's (default: ${DEFAULT-VALUE})")
        String currency;

        @Option(names = "--from", paramLabel = "TIME")
        String from;

        @Option(names = "--until", paramLabel = "TIME")
        String until;

        @Override
        public Integer call() throws Exception {
            ResaleRequest listing = new ResaleRequest()
                    .leaseId(lease)
                    .devices(devices)
                    .pricePerDeviceHour(Money.toMinor(price, currency, "--price"))
                    .availableFrom(Times.parse(from, "--from"))
                    .availableUntil(Times.parse(until, "--until"));
            session.printer().one(new ResaleApi(session.api()).resell(listing), RESALES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ls",
            description = "Your resale listings.",
            footer = {"", "Example:", "  flopx resales ls"})
    static class Ls implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--lease", paramLabel = "LEASE-ID")
        UUID lease;

        @Option(names = "--limit", defaultValue = "50", description = "Default: ${DEFAULT-VALUE}")
        int limit;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new ResaleApi(session.api()).callList(null, lease, limit), RESALES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "reprice",
            description = "Change a listing's ask.",
            footer = {"", "Example:", "  flopx resales reprice 3b1f... --price 13.50"})
    static class Reprice implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "RESALE-ID")
        UUID id;

        @Option(names = "--price", required = true)
        BigDecimal price;

        @Override
        public Integer call() throws Exception {
            ResaleApi resales = new ResaleApi(session.api());
            long minor = Money.toMinor(price, resales.get(id).getCurrency(), "--price");
            session.printer().one(resales.reprice(id, new RepriceRequest().pricePerDeviceHour(minor)), RESALES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "withdraw",
            description = "Take a listing off the market (what was sold stays sold).",
            footer = {"", "Example:", "  flopx resales withdraw 3b1f..."})
    static class Withdraw implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "RESALE-ID")
        UUID id;

        @Override
        public Integer call() throws Exception {
            session.printer().one(new ResaleApi(session.api()).withdraw(id), RESALES);
            return ExitCodes.OK;
        }
    }
}
