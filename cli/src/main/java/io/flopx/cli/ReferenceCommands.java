package io.flopx.cli;

import io.flopx.client.api.ReferenceDataApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Reference data everyone reads: accelerator models and the national hubs. */
final class ReferenceCommands {

    private ReferenceCommands() {}

    @Command(
            name = "models",
            description = "Accelerator models and their specifications (JSON has TFLOPS per precision).",
            footer = {"", "Examples:", "  flopx models", "  flopx models -o json"})
    static class Models implements Callable<Integer> {

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new ReferenceDataApi(session.api()).models(), Views.MODELS);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "hubs",
            description = "The national computing hubs capacity is listed in.",
            footer = {"", "Example:", "  flopx hubs"})
    static class Hubs implements Callable<Integer> {

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            session.printer().rows(new ReferenceDataApi(session.api()).hubs(), Views.HUBS);
            return ExitCodes.OK;
        }
    }
}
