package io.kafkaaas.os;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.render.ConfigFiles.FileSpec;
import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --root keeps every write inside it: a symbolic link that leads out of the root is refused, naming the link. */
class LocalConfigFilesLinkTest {
    private static final FileSpec SPEC = FileSpec.rootOwned(0640);

    @TempDir
    Path tmp;
    private Path root;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private LocalConfigFiles files() {
        return new LocalConfigFiles(root, false);
    }

    private List<Path> outsideFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(outside)) {
            return walk.filter(p -> !p.equals(outside)).toList();
        }
    }

    @Test
    void aLinkedDirectoryLeadingOutOfTheRootIsRefusedForWritesChecksAndReads() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("etc"), outside);
        LocalConfigFiles files = files();

        assertThatThrownBy(() -> files.write("/etc/kafka/server.properties", "broker.id=1\n", SPEC))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(link + " is a symbolic link to " + outside.toRealPath() + ", outside the root")
                .hasMessageContaining("replace the link with a directory");
        assertThatThrownBy(() -> files.checkWritable("/etc/kafka/server.properties")).hasMessageContaining(link.toString());
        Files.writeString(outside.resolve("hosts"), "10.0.0.1 elsewhere\n");
        assertThatThrownBy(() -> files.read("/etc/hosts")).hasMessageContaining(link.toString());
        assertThat(outsideFiles()).containsExactly(outside.resolve("hosts"));
    }

    @Test
    void aLinkDeeperInThePathIsFoundToo() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Path link = Files.createSymbolicLink(root.resolve("etc/kafka"), outside);

        assertThatThrownBy(() -> files().write("/etc/kafka/server.properties", "broker.id=1\n", SPEC))
                .hasMessageContaining(link + " is a symbolic link");
        assertThat(outsideFiles()).isEmpty();
    }

    @Test
    void aLinkedFileLeadingOutOfTheRootIsRefusedAndTheFileThereIsUntouched() throws IOException {
        Files.createDirectories(root.resolve("etc/default"));
        Path target = Files.writeString(outside.resolve("shadow"), "secret\n");
        Path link = Files.createSymbolicLink(root.resolve("etc/default/kafka"), target);

        assertThatThrownBy(() -> files().write("/etc/default/kafka", "KAFKA_HEAP_OPTS=-Xmx1g\n", SPEC))
                .hasMessageContaining(link + " is a symbolic link to " + target.toRealPath());
        assertThat(Files.readString(target)).isEqualTo("secret\n");
    }

    @Test
    void aDanglingLinkIsRefusedBecauseItsTargetCouldBeCreatedAnywhere() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("etc"), tmp.resolve("not-yet"));

        assertThatThrownBy(() -> files().write("/etc/kafka/server.properties", "broker.id=1\n", SPEC))
                .hasMessageContaining(link + " is a symbolic link to " + tmp.resolve("not-yet") + ", which does not exist");
        assertThat(tmp.resolve("not-yet")).doesNotExist();
    }

    @Test
    void aLinkThatStaysInsideTheRootIsFollowedAndARootThatIsALinkWorks() throws IOException {
        Path real = Files.createDirectories(root.resolve("srv/kafka-config"));
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/kafka"), real);
        Path rootLink = Files.createSymbolicLink(tmp.resolve("root-link"), root);

        assertThat(new LocalConfigFiles(rootLink, false).write("/etc/kafka/server.properties", "broker.id=1\n", SPEC)).isTrue();

        assertThat(real.resolve("server.properties")).hasContent("broker.id=1");
    }

    @Test
    void renderRefusesWithExit2NamingTheLinkAndWritesNothingOutside() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("etc"), outside);

        CliRun run = CliRun.of("render", "--root", root.toString(), "--broker-id", "1", "--broker-count", "3",
                "--private-ip", "10.0.2.25", "--network-style", "none", "--log-dir", "/data/kafka", "--zookeeper", "zk1:2181");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(link + " is a symbolic link");
        assertThat(outsideFiles()).isEmpty();
    }
}
