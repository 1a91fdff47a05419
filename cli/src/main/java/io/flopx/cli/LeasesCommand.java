package io.flopx.cli;

import io.flopx.client.api.LeasesApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "leases",
        description = "A provider's leases (capacity sold) and revenue.",
        subcommands = {LeasesCommand.Ls.class, LeasesCommand.Revenue.class})
class LeasesCommand {

    @Command(
            name = "ls",
            description = "Leases of your capacity, newest first.",
            footer = {"", "Example:", "  flopx leases ls --limit 20"})
    static class Ls implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new LeasesApi(session.api()).callList(null, limit), Views.LEASES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "revenue",
            description = "Revenue per day and offering.",
            footer = {"", "Example:", "  flopx leases revenue -o csv"})
    static class Revenue implements Callable<Integer> {

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new LeasesApi(session.api()).revenue(null), Views.REVENUE);
            return ExitCodes.OK;
        }
    }
}
