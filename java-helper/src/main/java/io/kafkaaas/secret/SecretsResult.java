package io.kafkaaas.secret;

import io.kafkaaas.core.Change;

import java.util.List;

/** The files fetch-secrets wrote (by their real path), and which of them it changed. */
public record SecretsResult(List<String> files, List<String> changedFiles) implements Change {
    public SecretsResult {
        files = List.copyOf(files);
        changedFiles = List.copyOf(changedFiles);
    }

    @Override
    public boolean changed() {
        return !changedFiles.isEmpty();
    }
}
