package io.kafkaaas.volume;

import java.nio.file.Path;

/**
 * Service interface ({@link java.util.ServiceLoader}): a storage platform whose volumes live under a directory,
 * chosen by {@code --local-volumes DIR}. The production jar provides none; the simulation module provides
 * directories standing in for disks, so attach-volume itself never learns what a directory volume is.
 */
public interface StoragePlatformProvider {
    StoragePlatform volumesUnder(Path directory);
}
