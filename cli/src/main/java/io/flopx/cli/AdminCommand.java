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
        description = "Operators: fund tenants.",
        subcommands = {AdminCommand.TopUp.class})
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
}
