package io.kafkaaas.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * moto_server's EC2 for each test: the shared {@link MotoServer}, reset before the test, an EC2 client on it, the
 * {@link MotoFixtures} that create what the stack would, and moto's dummy credentials as the SDK's default ones, which
 * the CLI under test picks up. Register it with {@code @RegisterExtension}; it runs before the test's own
 * {@code @BeforeEach}, so those may already create fixtures. Skips (or fails under CI) when moto is not installed.
 */
public final class MotoEc2 implements BeforeEachCallback {
    private MotoServer moto;
    private Ec2Client ec2;
    private MotoFixtures fixtures;

    @Override
    public void beforeEach(ExtensionContext context) {
        moto = MotoServer.get();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        ec2 = moto.ec2();
        fixtures = new MotoFixtures(ec2);
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
}
