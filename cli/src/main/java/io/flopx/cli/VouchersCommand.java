package io.flopx.cli;

import io.flopx.client.api.VouchersApi;
import io.flopx.client.model.IssueVoucherRequest;
import io.flopx.client.model.VoucherView;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "vouchers",
        description = "Compute vouchers (算力券): money a program gives an enterprise for compute in some hubs.",
        subcommands = {VouchersCommand.Issue.class, VouchersCommand.Ls.class})
class VouchersCommand {

    static final Columns<VoucherView> VOUCHERS = Columns.of(VoucherView.class)
            .add("ID", VoucherView::getId)
            .add("PROGRAM", VoucherView::getProgram)
            .add("TENANT", VoucherView::getTenant)
            .add("STATUS", VoucherView::getStatus)
            .add("AMOUNT", v -> Money.format(v.getAmount(), v.getCurrency()))
            .add("REMAINING", v -> Money.format(v.getRemaining(), v.getCurrency()))
            .add("HUBS", VoucherView::getHubs)
            .add("EXPIRES", VoucherView::getExpiresAt);

    @Command(
            name = "issue",
            description = "Issue a voucher to an enterprise, once per idempotency key.",
            footer = {
                "",
                "Example:",
                "  flopx admin vouchers issue --program east-data-west-compute --tenant acme-ai --amount 100000.00 \\",
                "      --expires 2027-06-30 --hub ningxia --hub gansu --min-green 4A --idempotency-key gz-000123"
            })
    static class Issue implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--program", required = true)
        String program;

        @Option(names = "--tenant", required = true)
        String tenant;

        @Option(names = "--amount", required = true, description = "e.g. 100000.00")
        BigDecimal amount;

        @Option(names = "--currency", defaultValue = "CNY", description = "Default: ${DEFAULT-VALUE}")
        String currency;

        @Option(names = "--expires", required = true, paramLabel = "TIME")
        String expires;

        @Option(names = "--hub", description = "Hubs it pays in, repeatable (default: all)")
        List<String> hubs;

        @Option(names = "--min-green", paramLabel = "RATING")
        String minGreen;

        @Option(names = "--max-pue", paramLabel = "PUE")
        BigDecimal maxPue;

        @Option(names = "--idempotency-key", required = true, paramLabel = "KEY")
        String key;

        @Override
        public Integer call() throws Exception {
            IssueVoucherRequest voucher = new IssueVoucherRequest()
                    .program(program)
                    .tenant(tenant)
                    .currency(currency)
                    .amount(Money.toMinor(amount, currency, "--amount"))
                    .expiresAt(Times.parse(expires, "--expires"))
                    .hubs(hubs)
                    .minGreenRating(minGreen)
                    .maxPue(maxPue);
            session.printer().one(new VouchersApi(session.api()).issue(voucher, key), VOUCHERS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ls",
            description = "Vouchers: an enterprise's own, an operator's by program or tenant.",
            footer = {"", "Examples:", "  flopx admin vouchers ls --tenant acme-ai", "  flopx admin vouchers ls -o csv"
            })
    static class Ls implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--program")
        String program;

        @Option(names = "--tenant")
        String tenant;

        @Option(names = "--limit", defaultValue = "50", description = "Default: ${DEFAULT-VALUE}")
        int limit;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new VouchersApi(session.api()).callList(limit, program, tenant), VOUCHERS);
            return ExitCodes.OK;
        }
    }
}
