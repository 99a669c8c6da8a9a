package io.kafkaaas.cli;

/** --output: text for people, json (exactly one object on stdout) for Chef and scripts. */
public enum OutputFormat {
    text,
    json
}
