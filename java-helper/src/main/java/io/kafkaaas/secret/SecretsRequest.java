package io.kafkaaas.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What fetch-secrets fetches for one broker, and where the files go. */
public record SecretsRequest(int brokerId, boolean tls, boolean scram, String directory, String group) {
    public SecretsRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(group, "group");
    }

    public List<SecretFile> files() {
        List<SecretFile> files = new ArrayList<>();
        if (tls) {
            files.addAll(SecretFile.tls(brokerId));
        }
        if (scram) {
            files.addAll(SecretFile.scram());
        }
        return files;
    }

    public String path(SecretFile file) {
        return directory.replaceFirst("/+$", "") + "/" + file.fileName();
    }
}
