package io.kafkaaas.cli;

import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.health.BrokerHealth;
import io.kafkaaas.health.HealthWaiter;
import io.kafkaaas.kafka.AdminClusterView;
import io.kafkaaas.kafka.OwnListener;
import io.kafkaaas.core.BrokerId;
import io.kafkaaas.core.InvalidValueException;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.render.RenderPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

@Command(name = "wait-healthy", mixinStandardHelpOptions = true,
        header = "Wait until this broker is registered, back in every ISR, and nothing it hosts is under-replicated.",
        description = {"Wait until this broker is registered (ZooKeeper mode: /brokers/ids/<id>; KRaft: the cluster",
                "metadata), is back in the ISR of every partition it hosts, and none of those partitions is",
                "under-replicated. The boot runs it between starting Kafka and signalling success. Without",
                "--broker-id and --bootstrap-server it reads both from the rendered server.properties."})
final class WaitHealthyCommand extends HelperCommand {
    private static final Logger LOG = LoggerFactory.getLogger(WaitHealthyCommand.class);
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\[\\]:-]+:[0-9]{1,5}");

    @Option(names = "--broker-id", paramLabel = "ID",
            description = "This broker's id. Default: broker.id (node.id in KRaft mode) of the rendered server.properties.")
    BrokerId brokerId;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Where to reach the cluster. Default: this broker's own listener, the first of"
                    + " advertised.listeners in the rendered server.properties.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka Admin client settings (security.protocol, SASL, TLS), as for Kafka's own tools.")
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long the broker may take to become healthy before exit 4. Default: ${DEFAULT-VALUE}.")
    Seconds timeout = new Seconds(600);

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long the cluster may stay unreachable in a row before exit 6 (a broker just started opens"
                    + " its listener once its logs are loaded). Default: ${DEFAULT-VALUE}.")
    Seconds connectTimeout = new Seconds(120);

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "Read the rendered server.properties under DIR instead of /. Default: ${DEFAULT-VALUE}.")
    Path root = Path.of("/");

    @Option(names = "--server-properties", paramLabel = "PATH", defaultValue = RenderPaths.SERVER_PROPERTIES,
            description = "Where render wrote server.properties (under --root). Default: ${DEFAULT-VALUE}.")
    String serverPropertiesPath = RenderPaths.SERVER_PROPERTIES;

    @Override
    protected CommandResult execute() {
        Duration timeout = atLeastOne("--timeout", this.timeout);
        Duration connectTimeout = min(atLeastOne("--connect-timeout", this.connectTimeout), timeout);
        Properties rendered = brokerId == null || bootstrapServer == null ? renderedProperties() : new Properties();
        int id = brokerId != null ? brokerId.value() : renderedId(rendered);
        if (controllerOnly(rendered)) {
            // A KRaft controller-only node never registers as a broker and hosts no partitions: nothing to wait for.
            LOG.warn("{} makes node {} a controller only; it hosts no partitions, so there is nothing to wait for",
                    serverProperties(), id);
            return result(new HealthWaiter.HealthReport(new BrokerHealth(id, false, 0, List.of(), List.of()), Duration.ZERO),
                    true);
        }
        String bootstrap;
        Properties clientSettings;
        if (bootstrapServer != null) {
            bootstrap = checkedBootstrap(bootstrapServer);
            clientSettings = commandConfig != null ? load(commandConfig, "--command-config") : new Properties();
        } else if (commandConfig != null) {
            // The caller's own client settings are for the client listener, the first advertised one.
            bootstrap = rendered(() -> OwnListener.firstAdvertised(rendered));
            clientSettings = load(commandConfig, "--command-config");
        } else {
            // As at boot: connect the way the broker's peers do, with what server.properties holds (OwnListener).
            OwnListener own = rendered(() -> OwnListener.of(rendered));
            bootstrap = own.hostPort();
            clientSettings = own.clientSettings();
        }

        // One describe call may take a few seconds; a call that cannot finish in that time counts as unreachable.
        Duration callTimeout = Duration.ofSeconds(Math.max(1, Math.min(5, connectTimeout.toSeconds())));
        try (AdminClusterView view = new AdminClusterView(bootstrap, clientSettings, callTimeout)) {
            LOG.info("waiting up to {} s for broker {} to be healthy ({})", timeout.toSeconds(), id, view.describe());
            HealthWaiter.HealthReport report = new HealthWaiter(view, Clock.systemUTC(), Sleeper.system(), LOG::info)
                    .await(id, timeout, connectTimeout);
            return result(report, false);
        }
    }

    static CommandResult result(HealthWaiter.HealthReport report, boolean controllerOnly) {
        BrokerHealth health = report.health();
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("changed", false);
                json.put("brokerId", health.brokerId());
                json.put("registered", health.registered());
                json.put("partitions", health.partitions());
                json.put("outOfIsr", health.outOfIsr());
                json.put("underReplicated", health.underReplicated());
                json.put("waitedMs", report.waited().toMillis());
                if (controllerOnly) {
                    json.put("controllerOnly", true);
                }
                return json;
            }

            @Override
            public String text() {
                if (controllerOnly) {
                    return "node " + health.brokerId() + " is a KRaft controller only: no broker to wait for";
                }
                return "broker " + health.brokerId() + " is healthy: registered, in the ISR of all "
                        + health.partitions() + " partition(s) it hosts, none under-replicated (waited "
                        + report.waited().toSeconds() + " s)";
            }
        };
    }

    private static boolean controllerOnly(Properties rendered) {
        String roles = rendered.getProperty("process.roles");
        return roles != null && !roles.isBlank() && !List.of(roles.replace(" ", "").split(",")).contains("broker");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** Seconds bounds the value to a day; a wait of zero seconds could never see a healthy broker. */
    private static Duration atLeastOne(String option, Seconds value) {
        if (value.value() < 1) {
            throw new UsageException(option + " " + value + " is out of range 1-" + Seconds.MAX + " seconds");
        }
        return value.duration();
    }

    static String checkedBootstrap(String servers) {
        for (String server : servers.split(",", -1)) {
            if (!HOST_PORT.matcher(server.trim()).matches()) {
                throw new UsageException("--bootstrap-server '" + servers + "' must be HOST:PORT[,HOST:PORT], e.g. 10.0.1.11:9092");
            }
        }
        return servers.trim();
    }

    private Path serverProperties() {
        new RenderPaths(serverPropertiesPath, RenderPaths.ENVIRONMENT_FILE);
        return root.resolve(serverPropertiesPath.substring(1));
    }

    private Properties renderedProperties() {
        Path file = serverProperties();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("pass --broker-id and --bootstrap-server, or render first: " + file + " does not exist");
        }
        return load(file, "--server-properties");
    }

    private int renderedId(Properties rendered) {
        String id = rendered.getProperty("node.id", rendered.getProperty("broker.id"));
        if (id == null) {
            throw new UsageException(serverProperties() + " names no broker.id or node.id; pass --broker-id");
        }
        return InvalidValueException.named("broker.id in " + serverProperties(), () -> BrokerId.parse(id.trim())).value();
    }

    private <T> T rendered(java.util.function.Supplier<T> fromServerProperties) {
        try {
            return fromServerProperties.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(serverProperties() + ": " + e.getMessage() + "; pass --bootstrap-server (and"
                    + " --command-config for a secured listener)");
        }
    }

    static Properties load(Path file, String option) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(option + " " + file + " cannot be read: " + e.getMessage());
        }
        return properties;
    }
}
