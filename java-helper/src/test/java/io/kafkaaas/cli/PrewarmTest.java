package io.kafkaaas.cli;

import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.kafkaaas.cli.Prewarm.Task.SDK_METADATA;
import static io.kafkaaas.cli.Prewarm.Task.TEMPLATES;
import static io.kafkaaas.cli.Prewarm.Task.TLS;
import static org.assertj.core.api.Assertions.assertThat;

/** Which caches a run warms while picocli parses, and that waiting for them ends. */
class PrewarmTest {
    @Test
    void bootstrapWarmsTheSdkAndTheTemplates() {
        assertThat(Prewarm.tasksFor("bootstrap")).containsExactly(TLS, SDK_METADATA, TEMPLATES);
    }

    @Test
    void eachAwsCommandWarmsTheSdkAndRenderWarmsOnlyTheTemplates() {
        for (String command : new String[] {"claim-id", "release-id", "status", "attach-eni", "attach-volume",
                "fetch-secrets", "signal", "retire-id"}) {
            assertThat(Prewarm.tasksFor(command)).as(command).containsExactly(TLS, SDK_METADATA);
        }
        assertThat(Prewarm.tasksFor("render")).containsExactly(TEMPLATES);
    }

    @Test
    void commandsThatNeedNoneOfItAndHelpWarmNothing() {
        for (String first : new String[] {"wait-healthy", "apply-network", "--help", "--version", "bootstrapp", ""}) {
            assertThat(Prewarm.tasksFor(first)).as(first).isEmpty();
        }
    }

    @Test
    void everyCommandThatWarmsIsAProductionCommand() {
        assertThat(KafkaAasCommand.COMMANDS.keySet()).filteredOn(c -> !Prewarm.tasksFor(c).isEmpty())
                .containsExactlyInAnyOrder("claim-id", "release-id", "status", "attach-eni", "attach-volume",
                        "bootstrap", "fetch-secrets", "signal", "retire-id", "render");
    }

    @Test
    void waitingForAWarmUpReturnsOnceItsTasksHaveRun() {
        Prewarm prewarm = Prewarm.start(new String[] {"bootstrap", "--output", "json"});
        prewarm.await();
        assertThat(prewarm.tasks()).containsExactly(TLS, SDK_METADATA, TEMPLATES);
        // A second wait returns at once: the latch is down for good.
        prewarm.await();
    }

    @Test
    void aWarmerThatFailsIsSkippedAndTheWaitEndsAfterTheLast() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Map<Prewarm.Task, Prewarm.Warmer> warmers = new LinkedHashMap<>();
        warmers.put(TLS, () -> {
            ran.add("tls");
            throw new GeneralSecurityException("no trust store");
        });
        warmers.put(SDK_METADATA, () -> {
            ran.add("metadata");
            throw new NoClassDefFoundError("software/amazon/awssdk/regions/ServiceMetadata");
        });
        warmers.put(TEMPLATES, () -> ran.add("templates"));

        Prewarm.start(warmers).await();

        assertThat(ran).containsExactly("tls", "metadata", "templates");
    }

    @Test
    void helpAndVersionWarmNothing() {
        assertThat(Prewarm.start(new String[] {"bootstrap", "--help"}).tasks()).isEmpty();
        assertThat(Prewarm.start(new String[] {"signal", "-h"}).tasks()).isEmpty();
        assertThat(Prewarm.start(new String[] {"--version"}).tasks()).isEmpty();
    }

    @Test
    void noCommandStartsNoThread() {
        Prewarm prewarm = Prewarm.start(new String[0]);
        prewarm.await();
        assertThat(prewarm.tasks()).isEmpty();
    }
}
