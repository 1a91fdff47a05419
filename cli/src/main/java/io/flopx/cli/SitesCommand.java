package io.flopx.cli;

import io.flopx.client.api.SitesApi;
import io.flopx.client.model.CreateSiteRequest;
import io.flopx.client.model.Interconnect;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "sites",
        description = "A provider's data centres.",
        subcommands = {SitesCommand.Create.class, SitesCommand.Ls.class})
class SitesCommand {

    @Command(
            name = "create",
            description = "Register a data centre in a hub (a second one with the same name is refused, naming it).",
            footer = {
                "",
                "Example:",
                "  flopx sites create --name 'Zhongwei DC-2' --hub ningxia --cluster zhongwei --pue 1.18 --green 5A \\",
                "      --backbone --interconnect INFINIBAND"
            })
    static class Create implements Callable<Integer> {

        @Mixin
        Session session;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--hub", required = true, description = "See `flopx hubs`")
        String hub;

        @Option(names = "--cluster", required = true, description = "A cluster of the hub")
        String cluster;

        @Option(names = "--pue", required = true, description = "Power usage effectiveness, e.g. 1.18")
        BigDecimal pue;

        @Option(names = "--green", required = true, paramLabel = "RATING", description = "Green rating, 1A to 5A")
        String green;

        @Option(names = "--backbone", description = "Connected to the national backbone")
        boolean backbone;

        @Option(names = "--interconnect", defaultValue = "ETHERNET", description = "INFINIBAND, ROCE or ETHERNET")
        String interconnect;

        @Override
        public Integer call() throws Exception {
            CreateSiteRequest site = new CreateSiteRequest()
                    .name(name)
                    .hub(hub)
                    .cluster(cluster)
                    .pue(pue)
                    .greenRating(green)
                    .backboneConnected(backbone)
                    .interconnect(OrderOptions.enumValue(Interconnect.class, interconnect, "--interconnect"));
            session.printer().one(new SitesApi(session.api()).create(site), Views.SITES);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ls",
            description = "Your sites.",
            footer = {"", "Example:", "  flopx sites ls"})
    static class Ls implements Callable<Integer> {

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new SitesApi(session.api()).callList(), Views.SITES);
            return ExitCodes.OK;
        }
    }
}
