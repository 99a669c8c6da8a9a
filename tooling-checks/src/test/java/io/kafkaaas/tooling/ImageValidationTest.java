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
        // What a Debian image holds that looks like a secret but is not one.
        Repo.write(image.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nadmin:x:1000:1000::/home/admin:/bin/bash\n"
                + "cp-kafka:x:998:998::/var/lib/cp-kafka:/usr/sbin/nologin\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n");
        Repo.write(image.resolve("etc/ssl/openssl.cnf"), "# input_password = secret\nchallengePassword\t\t= A challenge password\n");
        Repo.write(image.resolve("etc/pam.d/common-password"), "password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\n");
        Repo.write(image.resolve("etc/kafka-aas/templates/tls.properties.ftl"), "ssl.keystore.password=${keystorePassword}\n"
                + "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"${user}\" password=\"${password}\";\n");
        Repo.write(image.resolve("var/chef/cookbooks/kafka_aas/templates/client.properties.erb"), "ssl.truststore.password=<%= @password %>\n");
        Repo.write(image.resolve("home/admin/.ssh/id_ed25519.pub"), "ssh-ed25519 AAAA admin@build\n");
        Repo.write(image.resolve("home/admin/.bash_history"), "");
        Files.createDirectories(image.resolve("var/lib/cp-kafka"));
    }

    private Tool validate() {
        return Tool.run(image, Map.of(), List.of("bash", SCRIPT.toString(), image.toString()));
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
            "opt/kafka-aas/id_rsa|-----BEGIN RSA PRIVATE KEY-----|private key in /opt/kafka-aas/id_rsa",
            "srv/backup/key.pem|-----BEGIN PRIVATE KEY-----|private key in /srv/backup/key.pem",
            "usr/local/etc/tls.key|-----BEGIN ENCRYPTED PRIVATE KEY-----|private key in /usr/local/etc/tls.key",
            "home/admin/.ssh/id_ed25519|-----BEGIN OPENSSH PRIVATE KEY-----|SSH private key /home/admin/.ssh/id_ed25519",
            "home/admin/.ssh/authorized_keys|ssh-ed25519 AAAA packer_64f0|SSH access /home/admin/.ssh/authorized_keys",
            "root/.ssh/authorized_keys|ssh-rsa AAAA root|SSH access /root/.ssh/authorized_keys",
            "root/.bash_history|aws configure set aws_access_key_id x|shell history /root/.bash_history",
            "home/admin/.bash_history|sudo systemctl status|shell history /home/admin/.bash_history",
            "home/admin/.zsh_history|: 1700000000:0;ls|shell history /home/admin/.zsh_history",
            "var/lib/cp-kafka/.python_history|import os|shell history /var/lib/cp-kafka/.python_history",
            "etc/kafka/ssl/broker-0.keystore.jks|binary|keystore /etc/kafka/ssl/broker-0.keystore.jks",
            "var/lib/kafka-aas/truststore.p12|binary|keystore /var/lib/kafka-aas/truststore.p12",
            "opt/confluent/etc/kafka_server_jaas.conf|KafkaServer {};|JAAS file /opt/confluent/etc/kafka_server_jaas.conf",
            "etc/kafka/sasl.conf|KafkaClient { org.apache.kafka.common.security.scram.ScramLoginModule required; };|JAAS file /etc/kafka/sasl.conf",
            "etc/kafka/client.properties|ssl.keystore.password=changeit|a password setting in /etc/kafka/client.properties",
            "etc/kafka/admin.properties|sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule username=\"a\" password=\"s3cret\";|a password setting in /etc/kafka/admin.properties",
            "home/admin/.aws/config|[default]|AWS credentials directory /home/admin/.aws",
            "var/lib/cp-kafka/.aws/credentials|[default]|AWS credentials directory /var/lib/cp-kafka/.aws",
            "etc/environment|AWS_SECRET_ACCESS_KEY=abc|AWS credential-looking content in /etc/environment",
            "tmp/kafka-aas/kafka-aas.jar|jar|Packer upload",
            "var/tmp/kafka-aas-appcds-training/root/etc/kafka/server.properties|broker.id=0|AppCDS training root",
            "opt/kafka-aas/kafka-aas-simulation.jar|jar|the simulation jar /opt/kafka-aas/kafka-aas-simulation.jar is left",
            "var/tmp/kafka-aas-simulation.jar|jar|the simulation jar /var/tmp/kafka-aas-simulation.jar is left",
            "var/tmp/training/volumes/vol-0/data/meta.properties|broker.id=0|a broker identity /var/tmp/training/volumes",
            "opt/kafka-aas/zk/version-2/snapshot.0|zk|ZooKeeper data /opt/kafka-aas/zk/version-2",
            "var/tmp/kafka-training/data/__cluster_metadata-0/00000000000000000000.log|records|Kafka broker data /var/tmp/kafka-training/data/__cluster_metadata-0",
            "tmp/kraft/bootstrap.checkpoint|records|Kafka broker data /tmp/kraft/bootstrap.checkpoint",
            "var/log/kafka/server.log|[2026-12-02 10:39:00] INFO [KafkaRaftServer nodeId=0] Kafka Server started|Kafka's own log /var/log/kafka/server.log",
            "usr/logs/controller.log|INFO [QuorumController id=0] Becoming the active controller|Kafka's own log /usr/logs/controller.log",
    })
    void leakedStateFailsTheBake(String file, String content, String expected) {
        Path leak = image.resolve(file);
        String existing = Files.exists(leak) && file.equals("etc/fstab") ? Repo.read(leak) : "";
        Repo.write(leak, existing + content.replace("\\n", "\n") + "\n");

        Tool run = validate();

        assertThat(run.ok()).as("a bake with %s must fail", file).isFalse();
        assertThat(run.output()).contains(expected).contains("refusing to bake it");
    }

    /** The seven leaks of the security review's test image, planted together: each is reported on its own. */
    @Test
    void theSevenLeaksOfTheReviewImageAreEachCaught() {
        Repo.write(image.resolve("home/admin/.ssh/authorized_keys"), "ssh-rsa AAAA packer_64f0\n");
        Repo.write(image.resolve("root/.bash_history"), "export AWS_PROFILE=build\n");
        Repo.write(image.resolve("home/admin/.ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n");
        Repo.write(image.resolve("etc/kafka/secrets/kafka.keystore.jks"), "\u00fe\u00ed\u00fe\u00ed");
        Repo.write(image.resolve("etc/kafka/kafka_server_jaas.conf"), "KafkaServer { org.apache.kafka.common.security.scram.ScramLoginModule required; };\n");
        Repo.write(image.resolve("etc/kafka/ssl.properties"), "ssl.key.password=broker0\n");
        Repo.write(image.resolve("var/lib/cp-kafka/.aws/credentials"), "[default]\n");

        Tool run = validate();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("SSH access /home/admin/.ssh/authorized_keys", "shell history /root/.bash_history",
                "SSH private key /home/admin/.ssh/id_rsa", "keystore /etc/kafka/secrets/kafka.keystore.jks",
                "JAAS file /etc/kafka/kafka_server_jaas.conf", "a password setting in /etc/kafka/ssl.properties",
                "AWS credentials directory /var/lib/cp-kafka/.aws");
    }

    @Test
    void theRootCanAlsoComeFromTheEnvironmentAndAMissingRootIsAUsageError() {
        Repo.write(image.resolve("root/.ssh/authorized_keys"), "ssh-rsa AAAA root\n");
        Tool fromEnv = Tool.run(image, Map.of("KAFKA_AAS_IMAGE_ROOT", image.toString()), List.of("bash", SCRIPT.toString()));
        assertThat(fromEnv.exitCode()).isEqualTo(1);
        assertThat(fromEnv.output()).contains("SSH access /root/.ssh/authorized_keys");

        Tool missing = Tool.run(image, Map.of(), List.of("bash", SCRIPT.toString(), image.resolve("not-mounted").toString()));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("not-mounted is not a directory");
    }

    @Test
    void theCleanupClearsEveryAuthorizedKeysFileTheValidationLooksFor() {
        String cleanup = Repo.read(Repo.path("packer/scripts/90-cleanup.sh"));
        assertThat(cleanup).contains("rm -f /root/.ssh/authorized_keys /home/*/.ssh/authorized_keys");
    }
}
