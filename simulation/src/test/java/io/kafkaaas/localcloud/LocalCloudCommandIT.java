package io.kafkaaas.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.JarRun;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `kafka-aas local-cloud` as kitchen.yml uses it: a separate process whose endpoints another process's CLI uses. */
class LocalCloudCommandIT {
    @TempDir
    Path tmp;

    @Test
    void servesUntilStoppedAndTheCliInAnotherProcessClaimsAgainstIt() throws Exception {
        Process cloud = JarRun.start(tmp.resolve("stderr.txt"), "local-cloud", "--workdir", tmp.resolve("cloud").toString(),
                "--brokers", "2", "--azs", "eu-west-1a,eu-west-1b", "--instance-id", "i-0000000000000c0de", "--instances", "1",
                "--output", "json");
        try (TestingServer zookeeper = new TestingServer(true)) {
            String line = new BufferedReader(new InputStreamReader(cloud.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).as(Files.readString(tmp.resolve("stderr.txt"))).isNotNull();
            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.get("region").asText()).isEqualTo("eu-west-1");
            assertThat(json.get("brokers")).hasSize(2);
            assertThat(json.get("brokers").get(1).get("availabilityZone").asText()).isEqualTo("eu-west-1b");
            assertThat(Path.of(json.get("brokers").get(0).get("volumeDirectory").asText())).isDirectory();
            assertThat(json.get("instances")).hasSize(2);
            JsonNode instance = json.get("instances").get(0);
            // A fixed id gives a known IMDS endpoint, which is how kitchen.yml points the helper at it.
            assertThat(instance.get("instanceId").asText()).isEqualTo("i-0000000000000c0de");
            assertThat(instance.get("imdsEndpoint").asText()).isEqualTo(json.get("ec2Endpoint").asText() + "/i-0000000000000c0de");

            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            CliRun claim = CliRun.of("claim-id", "--zookeeper", zookeeper.getConnectString(), "--cluster", "kitchen",
                    "--broker-count", "2", "--ec2-endpoint", json.get("ec2Endpoint").asText(),
                    "--imds-endpoint", instance.get("imdsEndpoint").asText(), "--output", "json");

            assertThat(claim.exitCode()).as(claim.stderr()).isZero();
            assertThat(claim.json().get("brokerId").asInt()).isZero();
            assertThat(claim.json().get("instanceId").asText()).isEqualTo(instance.get("instanceId").asText());
            assertThat(claim.json().get("eniId").asText()).isEqualTo(json.get("brokers").get(0).get("eniId").asText());
        } finally {
            cloud.destroy();
            assertThat(cloud.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBusyPortIsOneLineAndExit2() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process p = JarRun.start(tmp.resolve("stderr.txt"), "local-cloud", "--workdir", tmp.resolve("c").toString(),
                    "--port", String.valueOf(busy.getLocalPort()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(Files.readAllLines(tmp.resolve("stderr.txt"))).singleElement().asString()
                    .contains("port " + busy.getLocalPort() + " on 127.0.0.1 (--port) is busy");
        }
    }
}
