package io.flopx.cli;

import io.flopx.client.api.AccountsApi;
import io.flopx.client.model.TopUpRequest;
import io.flopx.client.model.TopUpView;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "admin",
        description = "Operators: fund tenants, set credit limits, issue compute vouchers, keep reference data.",
        subcommands = {
            AdminCommand.TopUp.class,
            AdminCommand.CreditLimit.class,
            VouchersCommand.class,
            AdminCommand.PutModel.class,
            AdminCommand.PutHub.class
        })
class AdminCommand {

    @Command(
            name = "top-up",
            description = "Credit money received for a tenant (a reconciled bank transfer), once per idempotency key.",
            footer = {
                "",
                "Example:",
                "  flopx admin top-up acme-ai --amount 25000.00 --currency CNY --reference 'BOC transfer 0001' \\",
                "      --idempotency-key boc-0001"
            })
    static class TopUp implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "TENANT")
        String tenant;

        @Option(names = "--amount", required = true, description = "e.g. 25000.00")
        BigDecimal amount;

        @Option(names = "--currency", defaultValue = "CNY", description = "Default: ${DEFAULT-VALUE}")
        String currency;

        @Option(names = "--reference", required = true, description = "The bank's reference")
        String reference;

        @Option(
                names = "--idempotency-key",
                required = true,
                paramLabel = "KEY",
                description = "The same key credits once, however often it is sent")
        String key;

        @Override
        public Integer call() throws Exception {
            TopUpView done = new AccountsApi(session.api())
                    .topUp(
                            tenant,
                            new TopUpRequest()
                                    .currency(currency)
                                    .amount(Money.toMinor(amount, currency, "--amount"))
                                    .reference(reference),
                            key);
            Printer printer = session.printer();
            if (printer.format() == Format.json) {
                printer.json(done);
            } else {
                printer.note("Credited " + Money.format(done.getAmount(), done.getCurrency()) + " to " + tenant);
                printer.rows(java.util.List.of(done.getBalance()), Views.BALANCES);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "credit-limit",
            description = "Set how far a tenant may buy beyond the money it paid in (0 takes the credit away).",
            footer = {"", "Example:", "  flopx admin credit-limit acme-ai --limit 50000.00 --currency CNY"})
    static class CreditLimit implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "TENANT")
        String tenant;

        @Option(names = "--limit", required = true, paramLabel = "AMOUNT", description = "e.g. 50000.00")
        BigDecimal limit;

        @Option(names = "--currency", defaultValue = "CNY", description = "Default: ${DEFAULT-VALUE}")
        String currency;

        @Override
        public Integer call() throws Exception {
            var balance = new AccountsApi(session.api())
                    .creditLimit(
                            tenant,
                            new io.flopx.client.model.CreditLimitRequest()
                                    .currency(currency)
                                    .creditLimit(Money.toMinor(limit, currency, "--limit")));
            session.printer().one(balance, Views.BALANCES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "put-model",
            description = "Create or correct an accelerator model from a JSON file shaped like the API's ModelRequest"
                    + " (vendor, kind, memoryGb, tdpWatts, TFLOPS per precision...).",
            footer = {"", "Example:", "  flopx admin put-model MI300X --file mi300x.json"})
    static class PutModel implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "MODEL-ID")
        String id;

        @Option(names = "--file", required = true, paramLabel = "JSON")
        java.nio.file.Path file;

        @Override
        public Integer call() throws Exception {
            var request = JsonFiles.read(file, io.flopx.client.model.ModelRequest.class, session);
            new io.flopx.client.api.ReferenceDataApi(session.api()).putModel(id, request);
            session.out().println("Model " + id + " saved.");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "put-hub",
            description = "Create or rename a hub from a JSON file shaped like the API's HubRequest (name, side).",
            footer = {"", "Example:", "  flopx admin put-hub qinghai --file qinghai.json"})
    static class PutHub implements Callable<Integer> {

        @Mixin
        Session session;

        @Parameters(paramLabel = "HUB-ID")
        String id;

        @Option(names = "--file", required = true, paramLabel = "JSON")
        java.nio.file.Path file;

        @Override
        public Integer call() throws Exception {
            var request = JsonFiles.read(file, io.flopx.client.model.HubRequest.class, session);
            new io.flopx.client.api.ReferenceDataApi(session.api()).putHub(id, request);
            session.out().println("Hub " + id + " saved.");
            return ExitCodes.OK;
        }
    }
}
