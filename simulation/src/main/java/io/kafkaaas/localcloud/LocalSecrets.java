package io.kafkaaas.localcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local cloud's SSM Parameter Store and Secrets Manager: named values, each encrypted (in name only) with a KMS
 * key. Only {@link #INSTANCE_KEY} may be used by the instances, as the stack's role allows one key: a value put with
 * another key exists but cannot be decrypted, which is how the tests show a denied read.
 */
public final class LocalSecrets {
    /** The key the instance role may decrypt with (the stack's KMS key). */
    public static final String INSTANCE_KEY = "alias/kafka-aas";

    /** One stored value: text, or bytes for a binary secret. */
    public record Entry(String name, Optional<String> text, Optional<byte[]> binary, String kmsKey, int version) {
        public boolean decryptable() {
            return kmsKey.equals(INSTANCE_KEY) || kmsKey.equals("alias/aws/ssm") || kmsKey.equals("alias/aws/secretsmanager");
        }
    }

    private final Map<String, Entry> parameters = new TreeMap<>();
    private final Map<String, Entry> secrets = new TreeMap<>();

    /** PutParameter: a new version when it exists and overwrite is set; false when it exists and overwrite is not. */
    public synchronized boolean putParameter(String name, String value, String kmsKey, boolean overwrite) {
        Entry old = parameters.get(name);
        if (old != null && !overwrite) {
            return false;
        }
        parameters.put(name, new Entry(name, Optional.of(value), Optional.empty(), kmsKey, old == null ? 1 : old.version() + 1));
        return true;
    }

    public synchronized Optional<Entry> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The parameters below a path, in name order. */
    public synchronized List<Entry> parametersByPath(String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<Entry> found = new ArrayList<>();
        parameters.forEach((name, e) -> {
            if (name.startsWith(prefix) && (recursive || name.indexOf('/', prefix.length()) < 0)) {
                found.add(e);
            }
        });
        return found;
    }

    /** CreateSecret or PutSecretValue: a text or a binary value under a name. */
    public synchronized void putSecret(String name, Optional<String> text, Optional<byte[]> binary, String kmsKey) {
        Entry old = secrets.get(name);
        String key = old != null && kmsKey == null ? old.kmsKey() : kmsKey == null ? "alias/aws/secretsmanager" : kmsKey;
        secrets.put(name, new Entry(name, text, binary, key, old == null ? 1 : old.version() + 1));
    }

    public synchronized boolean hasSecret(String name) {
        return secrets.containsKey(name);
    }

    public synchronized Optional<Entry> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }
}
