package io.kafkaaas.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.Optional;

/**
 * moto_server's EC2 for each test: the shared {@link MotoServer}, reset before the test, an EC2 client on it, the
 * {@link MotoFixtures} that create what the stack would, and moto's dummy credentials as the SDK's default ones, which
 * the CLI under test picks up; made {@link #withInstanceIn}, also a running instance for the command to run as.
 * Register it with {@code @RegisterExtension}; it runs before the test's own {@code @BeforeEach}, so those may already
 * create fixtures. Skips (or fails under CI) when moto is not installed.
 */
public final class MotoEc2 implements BeforeEachCallback {
    private final Optional<String> instanceZone;
    private MotoServer moto;
    private Ec2Client ec2;
    private MotoFixtures fixtures;
    private String instance;

    public MotoEc2() {
        this(Optional.empty());
    }

    private MotoEc2(Optional<String> instanceZone) {
        this.instanceZone = instanceZone;
    }

    /** Before each test, also runs an instance in {@code zone}: {@link #instance()}, the --instance-id of the CLI under test. */
    public static MotoEc2 withInstanceIn(String zone) {
        return new MotoEc2(Optional.of(zone));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        moto = MotoServer.get();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        ec2 = moto.ec2();
        fixtures = new MotoFixtures(ec2);
        instance = instanceZone.map(fixtures::runInstance).orElse(null);
    }

    public MotoServer server() {
        return moto;
    }

    public Ec2Client ec2() {
        return ec2;
    }

    public MotoFixtures fixtures() {
        return fixtures;
    }

    public String instance() {
        if (instance == null) {
            throw new IllegalStateException("this MotoEc2 runs no instance: register it as MotoEc2.withInstanceIn(zone)");
        }
        return instance;
    }
}
