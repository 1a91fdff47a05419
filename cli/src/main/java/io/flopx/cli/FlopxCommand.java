package io.flopx.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

@TopCommand
@Command(
        name = "flopx",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "FlopX from the terminal: providers list capacity, enterprises quote, buy and watch their orders fill,"
                    + " operators fund tenants."
        },
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            ReferenceCommands.Models.class,
            ReferenceCommands.Hubs.class,
            SitesCommand.class,
            OfferingsCommand.class,
            LeasesCommand.class,
            QuoteCommand.class,
            OrdersCommand.class,
            ResalesCommand.class,
            AccountCommand.class,
            MarketCommand.class,
            AdminCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footer = {
            "",
            "Exit codes: 0 done, 1 refused by the exchange (or unreachable), 2 usage, 3 not signed in.",
            "",
            "Examples:",
            "  flopx login",
            "  flopx market depth",
            "  flopx orders place --model H100-SXM5-80GB --devices 8 --hours 10 --earliest 2026-12-03T08:00Z \\",
            "      --limit 16.00 --currency CNY --hub ningxia --wait",
            "  source <(flopx generate-completion)    # tab completion in bash and zsh"
        })
public class FlopxCommand {}
