package io.kafkaaas.aws;

import io.kafkaaas.core.ResourceBusyException;
import io.kafkaaas.volume.Volume;
import io.kafkaaas.volume.VolumeAttachment;
import io.kafkaaas.volume.Volumes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The brokers' EBS volumes: DescribeVolumes by Name tag or id, AttachVolume, and CreateTags for the formatted and fs-uuid marks. */
public final class Ec2Volumes implements Volumes {
    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2Volumes(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public List<Volume> findByName(String name) {
        return describe("tag:Name", name, "DescribeVolumes (tag:Name=" + name + ")").stream()
                .filter(v -> name.equals(v.name()))
                .toList();
    }

    /** By filter rather than by id: an unknown id is then an empty answer, not an InvalidVolume.NotFound. */
    @Override
    public Optional<Volume> describe(String volumeId) {
        return describe("volume-id", volumeId, "DescribeVolumes (" + volumeId + ")").stream().findFirst();
    }

    @Override
    public void attach(String volumeId, String instanceId, String device) {
        try {
            ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(instanceId).device(device));
        } catch (SdkException e) {
            if (AwsFailures.isBusy(e)) {
                throw new ResourceBusyException(AwsFailures.errorSummary(e), e);
            }
            throw AwsFailures.translate("AttachVolume (" + volumeId + " to " + instanceId + " as " + device + ")", endpoint, e);
        }
    }

    @Override
    public void recordFormat(String volumeId, String formattedValue, String fsUuid) {
        tag(volumeId, Tag.builder().key(Volume.FORMATTED_TAG).value(formattedValue).build(),
                Tag.builder().key(Volume.FS_UUID_TAG).value(fsUuid).build());
    }

    @Override
    public void recordFilesystemUuid(String volumeId, String fsUuid) {
        tag(volumeId, Tag.builder().key(Volume.FS_UUID_TAG).value(fsUuid).build());
    }

    private void tag(String volumeId, Tag... tags) {
        try {
            ec2.createTags(r -> r.resources(volumeId).tags(tags));
        } catch (SdkException e) {
            String keys = Arrays.stream(tags).map(Tag::key).collect(Collectors.joining(", "));
            throw AwsFailures.translate("CreateTags (" + keys + " on " + volumeId + ")", endpoint, e);
        }
    }

    private List<Volume> describe(String filter, String value, String action) {
        try {
            return ec2.describeVolumesPaginator(r -> r.filters(Filter.builder().name(filter).values(value).build()))
                    .volumes().stream()
                    .map(Ec2Volumes::toDomain)
                    .toList();
        } catch (SdkException e) {
            throw AwsFailures.translate(action, endpoint, e);
        }
    }

    static Volume toDomain(software.amazon.awssdk.services.ec2.model.Volume v) {
        String name = tag(v.tags(), "Name").orElse(null);
        List<VolumeAttachment> attachments = v.attachments().stream()
                .map(a -> new VolumeAttachment(a.instanceId(), a.device(), a.stateAsString()))
                .toList();
        Optional<String> snapshot = Optional.ofNullable(v.snapshotId()).filter(s -> !s.isBlank());
        return new Volume(v.volumeId(), name, v.availabilityZone(), v.stateAsString(), v.size() == null ? 0 : v.size(), snapshot,
                tag(v.tags(), Volume.FORMATTED_TAG), tag(v.tags(), Volume.FS_UUID_TAG), attachments);
    }

    private static Optional<String> tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }
}
