package io.kafkaaas.cli;

import java.util.Map;

/** What a command prints: one JSON object (always carrying "changed") or a few lines of text. */
public interface CommandResult {
    Map<String, Object> json();

    String text();
}
