package io.kafkaaas.aws;

import io.kafkaaas.retire.NameTags;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Renames an ENI or a volume with CreateTags, which overwrites the value of an existing key. */
public final class Ec2NameTags implements NameTags {
    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2NameTags(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public void rename(String resourceId, String name) {
        try {
            ec2.createTags(r -> r.resources(resourceId).tags(Tag.builder().key("Name").value(name).build()));
        } catch (SdkException e) {
            throw AwsFailures.translate("CreateTags (Name=" + name + " on " + resourceId + ")", endpoint, e);
        }
    }
}
