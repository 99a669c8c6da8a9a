package io.kafkaaas.cli;

import io.kafkaaas.secret.SecretsResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** What fetch-secrets prints: the files (never their content) and which changed. */
record SecretsView(SecretsResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", result.changed());
        json.put("files", result.files());
        json.put("changedFiles", result.changedFiles());
        return json;
    }

    @Override
    public String text() {
        return result.changed() ? "wrote " + String.join(", ", result.changedFiles())
                : "secrets unchanged in " + String.join(", ", result.files());
    }
}
