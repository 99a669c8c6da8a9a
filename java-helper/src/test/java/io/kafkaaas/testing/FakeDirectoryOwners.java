package io.kafkaaas.testing;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.volume.DirectoryOwners;
import io.kafkaaas.volume.KafkaAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts that exist (cp-kafka:confluent unless told) and who owns which directory, in memory; directories are real. */
public final class FakeDirectoryOwners implements DirectoryOwners {
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Map<Path, KafkaAccount> owners = new ConcurrentHashMap<>();

    public FakeDirectoryOwners() {
        users.add("cp-kafka");
        groups.add("confluent");
    }

    public Map<Path, KafkaAccount> owners() {
        return Map.copyOf(owners);
    }

    @Override
    public void requireAccount(KafkaAccount account) {
        if (!users.contains(account.user())) {
            throw new UsageException("--kafka-user " + account.user() + " does not exist on this machine");
        }
        if (!groups.contains(account.group())) {
            throw new UsageException("--kafka-group " + account.group() + " does not exist on this machine");
        }
    }

    @Override
    public boolean ensureOwned(Path dir, KafkaAccount account) {
        requireAccount(account);
        try {
            boolean created = !Files.isDirectory(dir);
            Files.createDirectories(dir);
            return account.equals(owners.put(dir, account)) ? created : true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
