package io.kafkaaas.cli;

import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.core.BrokerId;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.kafka.AdminClusterView;
import io.kafkaaas.retire.BrokerRetirer;
import io.kafkaaas.retire.RetirableClaims;
import io.kafkaaas.retire.RetireResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

@Command(name = "retire-id", mixinStandardHelpOptions = true,
        header = "Retire a broker id for good (or --restore a retired one).",
        description = {"Retire a broker id: rename its ENI and volume <prefix><id>-retired, so that no instance ever",
                "claims them again, release its claim, and print what may be deleted. Refuses (exit 5) while a live",
                "instance holds the id's claim, ENI or volume, or while Kafka (--bootstrap-server) still registers the",
                "broker or assigns it any partition replica. Running it again changes nothing. --restore renames a",
                "retired id's ENI and volume back, so that the id can be claimed again."})
final class RetireIdCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--broker-id", paramLabel = "ID", required = true, description = "The broker id to retire (or restore).")
    BrokerId brokerId;

    @Option(names = "--restore", description = "Bring a retired id back: rename its ENI and volume <prefix><id> again.")
    boolean restore;

    /** With eni there is no claim to release: the retag alone keeps every instance off the id. */
    @Mixin
    ClaimStoreOptions store = new ClaimStoreOptions();
    @Mixin
    KafkaModeOption kafka = new KafkaModeOption();

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Where to reach the Kafka cluster, to check that the broker hosts no partition any more."
                    + " Required to retire.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka Admin client settings (security.protocol, SASL, TLS), as for Kafka's own tools.")
    Path commandConfig;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "600",
            description = "How old a claim must be before an owner EC2 does not know counts as gone. Default: ${DEFAULT-VALUE}.")
    Seconds grace = new Seconds(OwnerLiveness.DEFAULT_GRACE.toSeconds());

    @Override
    protected CommandResult execute() {
        ClaimStores stores = ClaimStores.choose(store, kafka.mode(), zk, false, w -> warn(List.of(w)));
        aws.settings();
        String bootstrap = restore ? null : bootstrap();
        Properties clientSettings = commandConfig == null ? new Properties() : WaitHealthyCommand.load(commandConfig, "--command-config");
        try (Adapters adapters = new Adapters(aws)) {
            BrokerRetirer retirer = new BrokerRetirer(adapters.networkInterfaces(), adapters.volumes(), adapters.nameTags(),
                    adapters.instanceDirectory(), new OwnerLiveness(Clock.systemUTC(), grace.duration()), claims(adapters, stores.kind()),
                    adapters.tagPrefix());
            if (restore) {
                return new RetireView(retirer.restore(brokerId.value()));
            }
            try (AdminClusterView cluster = new AdminClusterView(bootstrap, clientSettings, Duration.ofSeconds(10))) {
                RetireResult result = retirer.retire(brokerId.value(), cluster);
                return new RetireView(result);
            }
        }
    }

    private String bootstrap() {
        if (bootstrapServer == null) {
            throw new UsageException("--bootstrap-server is required to retire an id: retire-id checks with Kafka that broker "
                    + brokerId.value() + " hosts no partition any more");
        }
        return WaitHealthyCommand.checkedBootstrap(bootstrapServer);
    }

    private RetirableClaims claims(Adapters adapters, ClaimStoreKind kind) {
        if (kind == ClaimStoreKind.eni) {
            return RetirableClaims.ENI_ATTACHMENT;
        }
        ClaimWiring wiring = new ClaimWiring(adapters, zk, Clock.systemUTC());
        return RetirableClaims.of(wiring.store(), "ZooKeeper (/kafka-aas/" + zk.cluster() + "/claims)");
    }
}
