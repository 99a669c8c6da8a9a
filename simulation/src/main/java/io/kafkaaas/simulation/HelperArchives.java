package io.kafkaaas.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AppCDS archives of the simulation's helper runs, one per command (bootstrap, wait-healthy, signal), in the
 * workdir: the first run of a command dumps the classes it loaded (-XX:ArchiveClassesAtExit), and every later run
 * of it maps them, as the AMI's launcher maps the archive the bake trained on a real run of the same command
 * (packer/scripts/40-appcds.sh: kafka-aas.jsa for bootstrap, appcds/signal.jsa, appcds/wait-healthy.jsa). The initial boots
 * train them, so a replacement starts its helpers the way an AMI instance does. A run that starts while another
 * one of its command is training goes without: two JVMs never write one archive.
 */
final class HelperArchives {
    private final Path dir;
    private final Set<String> training = ConcurrentHashMap.newKeySet();

    HelperArchives(Path dir) {
        this.dir = dir;
    }

    /** What one run of the command is to do with its archive. */
    Use use(String command) throws IOException {
        Path archive = dir.resolve(command + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new Use(command, List.of("-XX:SharedArchiveFile=" + archive), null);
        }
        if (!training.add(command)) {
            return new Use(command, List.of(), null);
        }
        Files.createDirectories(dir);
        Path partial = dir.resolve(command + ".jsa.part");
        Files.deleteIfExists(partial);
        return new Use(command, List.of("-XX:ArchiveClassesAtExit=" + partial), partial);
    }

    /**
     * After the run exited, a training run's complete dump takes the archive's name: no run maps a half-written
     * one. A dump that did not happen (the JVM was killed) leaves the next run of the command to train.
     */
    void exited(Use use) throws IOException {
        if (use.partial() == null) {
            return;
        }
        if (Files.isRegularFile(use.partial()) && Files.size(use.partial()) > 0) {
            Files.move(use.partial(), dir.resolve(use.command() + ".jsa"), StandardCopyOption.ATOMIC_MOVE);
        }
        training.remove(use.command());
    }

    /** The JVM flags of one run of a command; partial is where a training run dumps (null when it does not train). */
    record Use(String command, List<String> flags, Path partial) {
    }
}
