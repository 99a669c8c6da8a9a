package io.kafkaaas.tooling;

import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** packer/scripts/99-validate.sh against an image tree: clean passes, each kind of leaked state fails the bake. */
class ImageValidationTest {
    private static final Path SCRIPT = Repo.path("packer/scripts/99-validate.sh");

    @TempDir
    Path image;

    @BeforeEach
    void cleanImage() throws IOException {
        Requirements.requireTool("bash");
        Repo.write(image.resolve("etc/machine-id"), "");
        Repo.write(image.resolve("etc/fstab"), "UUID=1234 / ext4 rw,discard,errors=remount-ro 0 1\n");
        // What the confluent-server package ships: a template broker, never rendered for one.
        Repo.write(image.resolve("etc/kafka/server.properties"), "broker.id=0\n#advertised.listeners=PLAINTEXT://your.host.name:9092\n");
        Files.createDirectories(image.resolve("var/lib/kafka"));
        Files.createDirectories(image.resolve("var/lib/cloud/instances"));
        Files.createDirectories(image.resolve("etc/ssh"));
        Repo.write(image.resolve("etc/kafka-aas/templates/server.properties.ftl"), "broker.id=${brokerId?c}\n");
        Repo.write(image.resolve("opt/kafka-aas/README"), "helper\n");
    }

    private Tool validate() {
        return Tool.run(image, Map.of("KAFKA_AAS_IMAGE_ROOT", image.toString()), List.of("bash", SCRIPT.toString()));
    }

    @Test
    void aCleanImagePasses() {
        Tool run = validate();

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(run.output()).contains("no per-instance state or credentials found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "etc/machine-id|0123456789abcdef0123456789abcdef|machine-id",
            "etc/ssh/ssh_host_ed25519_key|key|SSH host key",
            "var/lib/cloud/instances/i-0abc/user-data.txt|#cloud-config|cloud-init instance data",
            "etc/fstab|UUID=9 /var/lib/kafka xfs defaults,nofail 0 2|data-volume entry",
            "var/lib/kafka/data/meta.properties|broker.id=2|/var/lib/kafka is not empty",
            "etc/kafka/server.properties|broker.id=2\\nadvertised.listeners=PLAINTEXT://10.0.1.12:9092|was rendered for a broker",
            "etc/kafka-aas/kafka-aas.properties|cluster=prod|kafka-aas.properties is per-instance",
            "etc/kafka-aas/boot.json|{}|boot.json is per-instance",
            "etc/cinc/client.pem|pem|Chef client key",
            "root/.aws/credentials|[default]|AWS credentials directory",
            "etc/profile.d/build.sh|export AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP|credential-looking content",
            "opt/kafka-aas/id_rsa|-----BEGIN RSA PRIVATE KEY-----|credential-looking content",
            "tmp/kafka-aas/kafka-aas.jar|jar|Packer upload",
            "var/tmp/kafka-aas-appcds-training/root/etc/kafka/server.properties|broker.id=0|AppCDS training root",
            "opt/kafka-aas/kafka-aas-simulation.jar|jar|the simulation jar /opt/kafka-aas/kafka-aas-simulation.jar is left",
            "var/tmp/kafka-aas-simulation.jar|jar|the simulation jar /var/tmp/kafka-aas-simulation.jar is left",
            "var/tmp/training/volumes/vol-0/data/meta.properties|broker.id=0|a broker identity /var/tmp/training/volumes",
            "opt/kafka-aas/zk/version-2/snapshot.0|zk|ZooKeeper data /opt/kafka-aas/zk/version-2",
    })
    void leakedStateFailsTheBake(String file, String content, String expected) {
        Path leak = image.resolve(file);
        String existing = Files.exists(leak) && file.equals("etc/fstab") ? Repo.read(leak) : "";
        Repo.write(leak, existing + content.replace("\\n", "\n") + "\n");

        Tool run = validate();

        assertThat(run.ok()).as("a bake with %s must fail", file).isFalse();
        assertThat(run.output()).contains(expected).contains("refusing to bake it");
    }
}
