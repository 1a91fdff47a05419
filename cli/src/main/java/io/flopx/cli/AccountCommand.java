package io.flopx.cli;

import io.flopx.client.api.AccountsApi;
import io.flopx.client.model.AccountView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "account",
        description = "Your money: balances per currency and the statement behind them.",
        subcommands = {AccountCommand.Show.class, AccountCommand.Statement.class})
class AccountCommand {

    @Command(
            name = "show",
            description = "Balances: available, buying power, held by open orders, escrow, payable, vouchers.",
            footer = {"", "Example:", "  flopx account show"})
    static class Show implements Callable<Integer> {

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            AccountView account = new AccountsApi(session.api()).mine();
            Printer printer = session.printer();
            if (printer.format() == Format.json) {
                printer.json(account);
            } else {
                printer.note("Tenant " + account.getTenant());
                printer.rows(account.getBalances(), Views.BALANCES);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "statement",
            description = "Ledger lines, newest first.",
            footer = {"", "Examples:", "  flopx account statement --limit 10", "  flopx account statement -o csv"})
    static class Statement implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--tenant", description = "An operator's view of another tenant (default: yours)")
        String tenant;

        @Override
        public Integer call() throws Exception {
            AccountsApi accounts = new AccountsApi(session.api());
            String whose =
                    tenant != null ? tenant : Identity.of(session.accessToken()).tenant();
            session.printer().rows(accounts.statement(whose, null, null, null, limit), Views.STATEMENT);
            return ExitCodes.OK;
        }
    }
}
