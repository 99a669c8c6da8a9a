package io.kafkaaas.cli;

import freemarker.template.Configuration;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.ServiceMetadata;

import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Start-up work a command is about to need, done on a second thread while picocli models and parses the command line
 * on the first (these caches were a fifth of a bootstrap re-run's main thread: docs/benchmarks.md). Each task only fills a
 * cache of the JDK or of a library: nothing is read from the network and nothing is written, so bad input still
 * changes nothing. The command waits for it before it runs ({@link HelperCommand}), so while the command works no
 * class is being initialised on two threads. A task that fails is skipped: the command meets the same failure
 * itself and reports it.
 */
final class Prewarm {
    /** The caches, in the order the commands meet them. */
    enum Task {
        /** The JDK's TLS context and its trust store: every SDK HTTP client builds one, even IMDS's. */
        TLS(() -> SSLContext.getInstance("TLS").init(null, null, null)),
        /** The SDK's endpoint metadata of every service, which the first client builds to find its signing region. */
        SDK_METADATA(() -> ServiceMetadata.of("ec2")),
        /** FreeMarker's configuration classes. */
        TEMPLATES(() -> new Configuration(Configuration.VERSION_2_3_34));

        private final Warmer warmer;

        Task(Warmer warmer) {
            this.warmer = warmer;
        }
    }

    @FunctionalInterface
    interface Warmer {
        void warm() throws Exception;
    }

    /** The commands that build AWS SDK clients. */
    private static final Set<String> AWS = Set.of("claim-id", "release-id", "status", "attach-eni", "attach-volume",
            "bootstrap", "fetch-secrets", "signal", "retire-id");
    /** The commands that render templates. */
    private static final Set<String> RENDER = Set.of("render", "bootstrap");

    private static final Set<String> HELP_OR_VERSION = Set.of("--help", "-h", "--version", "-V");

    private static final Prewarm NOTHING = new Prewarm(Map.of());

    private final Map<Task, Warmer> warmers;
    private final CountDownLatch done = new CountDownLatch(1);

    private Prewarm(Map<Task, Warmer> warmers) {
        this.warmers = warmers;
    }

    /** What a run of this command warms: nothing for help, a misspelt command or one that needs none of it. */
    static List<Task> tasksFor(String command) {
        List<Task> tasks = new ArrayList<>();
        if (AWS.contains(command)) {
            tasks.add(Task.TLS);
            tasks.add(Task.SDK_METADATA);
        }
        if (RENDER.contains(command)) {
            tasks.add(Task.TEMPLATES);
        }
        return List.copyOf(tasks);
    }

    /** Starts warming for the command named first in these arguments. */
    static Prewarm start(String[] args) {
        Map<Task, Warmer> warmers = new LinkedHashMap<>();
        if (Arrays.stream(args).anyMatch(HELP_OR_VERSION::contains)) {
            return NOTHING; // picocli prints and exits: nothing to warm for
        }
        tasksFor(args.length == 0 ? "" : args[0]).forEach(task -> warmers.put(task, task.warmer));
        return start(warmers);
    }

    /** Runs these warmers, in their order, on the prewarm thread. */
    static Prewarm start(Map<Task, Warmer> warmers) {
        if (warmers.isEmpty()) {
            return NOTHING;
        }
        Prewarm prewarm = new Prewarm(Collections.unmodifiableMap(new LinkedHashMap<>(warmers)));
        Thread thread = new Thread(prewarm::run, "prewarm");
        thread.setDaemon(true); // help and usage errors exit without waiting for it
        thread.start();
        return prewarm;
    }

    Set<Task> tasks() {
        return warmers.keySet();
    }

    private void run() {
        try {
            warmers.forEach((task, warmer) -> {
                try {
                    warmer.warm();
                } catch (Exception | LinkageError e) {
                    LoggerFactory.getLogger(Prewarm.class).debug("warming {} failed; the command does it itself: {}", task, e.toString());
                }
            });
        } finally {
            done.countDown();
        }
    }

    /** Waits until every task has run (at once when there is none). */
    void await() {
        if (warmers.isEmpty()) {
            return;
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
