package io.kafkaaas.secret;

import io.kafkaaas.render.ConfigFiles;
import io.kafkaaas.render.ConfigFiles.FileSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches the broker's secrets and writes them as files Kafka can read and nobody else can: mode 0640, owner root,
 * group the Kafka group. Every secret is fetched (and decoded) before the first file is written, so a missing or
 * unreadable one changes nothing. A file that already holds the value is left alone, so a re-run reports no change.
 * Logs name the files, never what is in them.
 */
public final class SecretFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(SecretFetcher.class);
    private static final int MODE = 0640;

    private final SecretSource source;
    private final ConfigFiles files;

    public SecretFetcher(SecretSource source, ConfigFiles files) {
        this.source = source;
        this.files = files;
    }

    public SecretsResult fetch(SecretsRequest request) {
        Map<SecretFile, byte[]> values = new LinkedHashMap<>();
        for (SecretFile file : request.files()) {
            files.checkWritable(request.path(file));
        }
        for (SecretFile file : request.files()) {
            String where = source.describe(file.name());
            Secret secret = source.fetch(file.name());
            values.put(file, file.store() ? secret.storeBytes(where) : secret.passwordBytes(where));
        }
        FileSpec spec = new FileSpec(MODE, "root", request.group());
        List<String> written = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        values.forEach((file, bytes) -> {
            String path = request.path(file);
            if (files.write(path, bytes, spec)) {
                changed.add(files.locate(path));
                LOG.info("wrote {} from {}", files.locate(path), source.describe(file.name()));
            }
            written.add(files.locate(path));
        });
        return new SecretsResult(written, changed);
    }

    /**
     * The cluster's ZooKeeper credentials (user:password), written mode 0600 for root alone: only the helper reads them,
     * never Kafka. Called before the claim, which authenticates with them. @return whether the file changed
     */
    public boolean fetchZooKeeperCredentials(String path) {
        files.checkWritable(path);
        String where = source.describe(SecretFile.ZOOKEEPER_AUTH);
        byte[] value = source.fetch(SecretFile.ZOOKEEPER_AUTH).passwordBytes(where);
        boolean changed = files.write(path, value, FileSpec.rootOwned(0600));
        if (changed) {
            LOG.info("wrote {} from {}", files.locate(path), where);
        }
        return changed;
    }
}
