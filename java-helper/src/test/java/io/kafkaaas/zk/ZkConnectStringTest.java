package io.kafkaaas.zk;

import io.kafkaaas.core.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZkConnectStringTest {
    @Test
    void parsesHostsPortsAndChroot() {
        ZkConnectString cs = ZkConnectString.parse("zk1:2181,zk2.example.com:2182,[::1]:2183/kafka/prod");
        assertThat(cs.hosts()).containsExactly("zk1:2181", "zk2.example.com:2182", "[::1]:2183");
        assertThat(cs.chroot()).isEqualTo("/kafka/prod");
        assertThat(cs.toString()).isEqualTo("zk1:2181,zk2.example.com:2182,[::1]:2183/kafka/prod");
    }

    @Test
    void defaultsThePortLikeTheZooKeeperClient() {
        assertThat(ZkConnectString.parse("zk1").hosts()).containsExactly("zk1:2181");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "zk1:", "zk1:abc", "zk1:99999", "zk1:0", "zk1:2181,", ",zk1:2181", "zk 1:2181",
            "zk1:2181/kafka/", "zk1:2181//kafka", "http://zk1:2181", "zk1:2181;zk2:2181"})
    void rejectsMalformedStrings(String value) {
        assertThatThrownBy(() -> ZkConnectString.parse(value)).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void namesTheOffendingPart() {
        assertThatThrownBy(() -> ZkConnectString.parse("zk1:2181,zk2:port"))
                .hasMessage("malformed ZooKeeper connect string 'zk1:2181,zk2:port': 'zk2:port' is not host:port;"
                        + " expected host:port[,host:port][/chroot]");
    }
}
