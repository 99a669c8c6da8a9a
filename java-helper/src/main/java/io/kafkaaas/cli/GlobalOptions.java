package io.kafkaaas.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command takes. */
public final class GlobalOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of option defaults: the key is the long option name without dashes"
                    + " (broker-count=3). A flag on the command line wins over the file.")
    Path config;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json: exactly one JSON object on stdout. Logs always go to stderr.")
    OutputFormat output = OutputFormat.text;

    // Read by Main straight from the arguments, so that logging is set up before anything is parsed.
    @Option(names = "--verbose", description = "Debug logs, including ZooKeeper and AWS SDK, and stack traces on errors.")
    boolean verbose;

    public OutputFormat output() {
        return output;
    }
}
