package io.kafkaaas.cli;

import io.kafkaaas.core.BrokerId;
import io.kafkaaas.core.ClusterName;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.render.ListenerSecurity;
import io.kafkaaas.secret.SecretFetcher;
import io.kafkaaas.secret.SecretsRequest;
import io.kafkaaas.secret.SecretsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch-secrets", mixinStandardHelpOptions = true,
        header = "Fetch this broker's keystore, truststore and passwords from SSM or Secrets Manager.",
        description = {"Fetch the secrets the listener security needs (this broker's keystore by its id, the cluster's",
                "truststore, their passwords, the brokers' SCRAM password) from SSM Parameter Store or Secrets Manager",
                "and write them into --secrets-dir, mode 0640, owner root, group --kafka-group. Everything is fetched",
                "before anything is written; a file that already holds its value is left alone. No value is ever printed."})
final class FetchSecretsCommand extends HelperCommand {
    @Option(names = "--cluster", paramLabel = "NAME", description = "Cluster name; secrets live under /kafka-aas/NAME/ (SSM) or kafka-aas/NAME/ (Secrets Manager).")
    ClusterName cluster;

    @Option(names = "--broker-id", paramLabel = "ID", description = "The broker id claim-id returned: the keystore is keystore/<id>.")
    BrokerId brokerId;

    @Mixin
    AwsOptions aws = new AwsOptions();
    @Mixin
    SecretOptions secrets = new SecretOptions();
    @Mixin
    RenderOptions render = new RenderOptions();
    @Mixin
    FileOptions files = new FileOptions();

    /** Every option is checked before a store is called. */
    private SecretsRequest request() {
        if (cluster == null) {
            throw new UsageException("--cluster is required: the cluster name that scopes the secrets");
        }
        if (brokerId == null) {
            throw new UsageException("--broker-id is required: the keystore is looked up by the id claim-id returned");
        }
        if (secrets.store() == SecretOptions.Store.none) {
            throw new UsageException("--secret-store is required: ssm or secretsmanager");
        }
        secrets.validate();
        aws.settings();
        ListenerSecurity security = render.security();
        SecretsRequest request = new SecretsRequest(brokerId.value(), security.tls(render.kraft()), security.scram(),
                security.secretsDir(), render.kafkaGroup());
        if (request.files().isEmpty()) {
            throw new UsageException("no listener uses TLS or SCRAM, so there is no secret to fetch; set --security-protocol"
                    + " SSL or SASL_SSL (or --inter-broker-security) as render and bootstrap are given it");
        }
        return request;
    }

    @Override
    protected CommandResult execute() {
        SecretsRequest request = request();
        try (Adapters adapters = new Adapters(aws)) {
            SecretFetcher fetcher = new SecretFetcher(secrets.source(adapters, cluster.value()), files.files());
            return new SecretsView(fetcher.fetch(request));
        }
    }
}
