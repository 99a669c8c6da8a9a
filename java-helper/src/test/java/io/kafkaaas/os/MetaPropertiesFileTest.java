package io.kafkaaas.os;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.volume.BrokerIdentityCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The meta.properties identity rule on real files, as Kafka 3.x (ZooKeeper) and 4.x (KRaft) write them. */
class MetaPropertiesFileTest {
    @TempDir
    Path logDir;

    private final BrokerIdentityCheck check = new BrokerIdentityCheck(new MetaPropertiesFile());

    private void meta(String content) throws IOException {
        Files.writeString(logDir.resolve("meta.properties"), "#\n#Thu Jan 01 00:00:00 UTC 2025\n" + content);
    }

    @Test
    void noMetaPropertiesIsANewVolume() {
        assertThatCode(() -> check.verify("volume KAFKA-1", logDir, 1, Optional.of("c1"))).doesNotThrowAnyException();
    }

    @Test
    void zooKeeperModeBrokerIdMustMatch() throws IOException {
        meta("version=0\nbroker.id=1\ncluster.id=c1\n");
        assertThatCode(() -> check.verify("volume KAFKA-1", logDir, 1, Optional.of("c1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify("volume KAFKA-2", logDir, 2, Optional.empty()))
                .isInstanceOf(DataSafetyException.class).hasMessageContaining("says broker.id=1");
    }

    @Test
    void kraftNodeIdMustMatchAndSoMustTheClusterIdWhenOneIsConfigured() throws IOException {
        meta("version=1\nnode.id=3\ncluster.id=abc\ndirectory.id=xyz\n");
        assertThatCode(() -> check.verify("v", logDir, 3, Optional.empty())).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify("v", logDir, 4, Optional.empty())).hasMessageContaining("says node.id=3");
        assertThatThrownBy(() -> check.verify("v", logDir, 3, Optional.of("def")))
                .isInstanceOf(DataSafetyException.class).hasMessageContaining("cluster.id=abc but this cluster is def");
    }

    @Test
    void aMetaPropertiesWithoutAnyIdIsNotTrusted() throws IOException {
        meta("version=0\ncluster.id=abc\n");
        assertThatThrownBy(() -> check.verify("v", logDir, 0, Optional.empty()))
                .isInstanceOf(DataSafetyException.class).hasMessageContaining("has neither broker.id nor node.id");
    }
}
