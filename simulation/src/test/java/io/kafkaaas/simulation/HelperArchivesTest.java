package io.kafkaaas.simulation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which helper run trains a command's archive, which runs map it, and that a half-written one is never mapped. */
class HelperArchivesTest {
    @TempDir
    Path dir;

    @Test
    void theFirstRunTrainsARunMeanwhileGoesWithoutAndLaterRunsMapTheArchive() throws Exception {
        HelperArchives archives = new HelperArchives(dir);

        HelperArchives.Use first = archives.use("bootstrap");
        HelperArchives.Use meanwhile = archives.use("bootstrap");
        HelperArchives.Use otherCommand = archives.use("wait-healthy");

        assertThat(first.flags()).containsExactly("-XX:ArchiveClassesAtExit=" + dir.resolve("bootstrap.jsa.part"));
        assertThat(meanwhile.flags()).as("two JVMs never write one archive").isEmpty();
        assertThat(otherCommand.flags()).containsExactly("-XX:ArchiveClassesAtExit=" + dir.resolve("wait-healthy.jsa.part"));
        assertThat(archives.use("bootstrap").flags()).as("not mapped before the training run exited").isEmpty();

        Files.writeString(first.partial(), "dumped at exit");
        archives.exited(first);
        archives.exited(meanwhile);

        assertThat(archives.use("bootstrap").flags()).containsExactly("-XX:SharedArchiveFile=" + dir.resolve("bootstrap.jsa"));
        assertThat(dir.resolve("bootstrap.jsa.part")).doesNotExist();
    }

    @Test
    void aTrainingRunThatDumpedNothingLeavesTheNextRunToTrain() throws Exception {
        HelperArchives archives = new HelperArchives(dir);
        HelperArchives.Use killed = archives.use("signal");

        archives.exited(killed);

        assertThat(dir.resolve("signal.jsa")).doesNotExist();
        assertThat(archives.use("signal").flags()).containsExactly("-XX:ArchiveClassesAtExit=" + dir.resolve("signal.jsa.part"));
    }
}
