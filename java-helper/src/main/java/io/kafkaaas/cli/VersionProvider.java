package io.kafkaaas.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar was built as (Implementation-Version of the manifest). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"kafka-aas " + (version == null ? "(development build)" : version)};
    }
}
