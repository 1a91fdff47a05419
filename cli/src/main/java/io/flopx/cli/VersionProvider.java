package io.flopx.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven built, from the jar's manifest (in a test run there is none). */
class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = FlopxCommand.class.getPackage().getImplementationVersion();
        return new String[] {"flopx " + (version == null ? "(development build)" : version)};
    }
}
