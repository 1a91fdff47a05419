package io.flopx.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** flopx's exit codes for whatever a command throws, and enum options in any case ({@code -o JSON}). */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setExecutionExceptionHandler(new ExitCodes()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
