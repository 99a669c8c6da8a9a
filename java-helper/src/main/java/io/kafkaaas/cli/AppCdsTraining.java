package io.kafkaaas.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bake's AppCDS training entry point (packer/scripts/40-appcds.sh): runs {@link Main} on the given command,
 * with a storage platform jar (the simulation's directories-as-disks, behind --local-volumes) loaded by a class
 * loader of its own, the context loader, where ServiceLoader looks. The platform stays off the class path, so the
 * archive matches the launcher's `-cp kafka-aas.jar` at every boot, where that jar does not exist. The bake runs
 * it once per archive (bootstrap, signal, wait-healthy), each in its own JVM.
 *
 * <p>It lives in the production jar so that the training JVM loads only what the command loads: a source-file
 * launcher would add the Java compiler's thousand classes to the archive, which every boot maps.
 *
 * <p>{@code --create-topic BOOTSTRAP TOPIC} is the wait-healthy training's set-up, in a JVM of its own that dumps
 * no archive: one partition on the throwaway training broker, so that wait-healthy describes a partition the
 * broker hosts, as at boot, and its archive holds those classes too, but not the topic creation's.
 */
public final class AppCdsTraining {
    private static final long CREATE_TOPIC_TIMEOUT_SECONDS = 180;

    private AppCdsTraining() {
    }

    /** @param args the platform jar, then the helper command (for example bootstrap and its options); or --create-topic */
    public static void main(String[] args) throws MalformedURLException, InterruptedException {
        if (args.length == 3 && args[0].equals("--create-topic")) {
            System.exit(createTopic(args[1], args[2]));
        }
        if (args.length < 2) {
            System.err.println("usage: AppCdsTraining PLATFORM_JAR COMMAND [OPTION...] | --create-topic BOOTSTRAP TOPIC"
                    + " (the bake's 40-appcds.sh runs it)");
            System.exit(2);
        }
        Path platform = Path.of(args[0]);
        if (!Files.isRegularFile(platform)) {
            System.err.println("AppCdsTraining: the platform jar " + platform + " does not exist; upload it before training");
            System.exit(2);
        }
        URL[] urls = {platform.toUri().toURL()};
        Thread.currentThread().setContextClassLoader(new URLClassLoader(urls, ClassLoader.getSystemClassLoader()));
        Main.main(Arrays.copyOfRange(args, 1, args.length));
    }

    /** One topic, one partition, one replica; the Admin client retries while the broker is still starting. */
    static int createTopic(String bootstrap, String topic) throws InterruptedException {
        long timeoutMs = TimeUnit.SECONDS.toMillis(CREATE_TOPIC_TIMEOUT_SECONDS);
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "kafka-aas-appcds-training",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("AppCdsTraining: cannot create topic " + topic + " on the training broker " + bootstrap
                    + " within " + CREATE_TOPIC_TIMEOUT_SECONDS + " s: " + cause + "; see the training broker's log");
            return 1;
        }
    }
}
