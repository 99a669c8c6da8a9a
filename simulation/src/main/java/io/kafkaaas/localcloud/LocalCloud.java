package io.kafkaaas.localcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * An in-memory EC2 that keeps the semantics kafka-aas relies on and moto does not model: an ENI or volume
 * is attached to one instance at a time, resources and instances live in Availability Zones and do not cross
 * them, attachments go through attaching/detaching, and an instance that terminates releases its ENIs and
 * volumes only once it is terminated. Every mutation holds the cloud's lock; asynchronous transitions run
 * through {@link Transitions}, in order.
 */
public final class LocalCloud implements AutoCloseable {
    private final LocalSecrets secrets = new LocalSecrets();
    public static final String OWNER_ID = "000000000000";
    public static final String VPC_ID = "vpc-10ca1c10ud";
    public static final String IMAGE_ID = "ami-10ca1c10ud";

    private final String region;
    private final Path workdir;
    private final CloudTimings timings;
    private final Clock clock;
    private final Transitions transitions;
    private final Map<String, Subnet> subnetsByAz = new LinkedHashMap<>();
    private final Map<String, CloudInstance> instances = new LinkedHashMap<>();
    private final Map<String, CloudEni> enis = new LinkedHashMap<>();
    private final Map<String, CloudVolume> volumes = new LinkedHashMap<>();
    private final List<Consumer<CloudInstance>> shutdownListeners = new CopyOnWriteArrayList<>();
    private int nextInstanceHost = 100;
    private final LocalAutoScaling autoScaling = new LocalAutoScaling(this);

    public LocalCloud(String region, Path workdir, CloudTimings timings, Clock clock) {
        this(region, workdir, timings, clock, Transitions.onATimer());
    }

    public LocalCloud(String region, Path workdir, CloudTimings timings, Clock clock, Transitions transitions) {
        this.region = region;
        this.workdir = workdir;
        this.timings = timings;
        this.clock = clock;
        this.transitions = transitions;
    }

    /** SSM Parameter Store and Secrets Manager. */
    public LocalSecrets secrets() {
        return secrets;
    }

    public String region() {
        return region;
    }

    /** The Auto Scaling group (and its stack) that launches the simulation's instances. */
    public LocalAutoScaling autoScaling() {
        return autoScaling;
    }

    public Path workdir() {
        return workdir;
    }

    /** Called when an instance starts shutting down, before it is terminated: the OS shutdown of a real instance. */
    public void onShutdown(Consumer<CloudInstance> listener) {
        shutdownListeners.add(listener);
    }

    // ---- set-up (what a CloudFormation stack would create) ----

    public synchronized Subnet subnet(String availabilityZone) {
        if (!availabilityZone.startsWith(region) || availabilityZone.length() != region.length() + 1) {
            throw new Ec2Error("InvalidParameterValue", "Availability Zone '" + availabilityZone
                    + "' is not in region " + region + " (e.g. " + region + "a)");
        }
        return subnetsByAz.computeIfAbsent(availabilityZone,
                az -> new Subnet("subnet-" + hex(17), VPC_ID, az, subnetsByAz.size() + 1));
    }

    public synchronized List<Subnet> subnets() {
        return List.copyOf(subnetsByAz.values());
    }

    /** An ENI at a fixed host number of its AZ's subnet (127.0.N.host). */
    public synchronized CloudEni createNetworkInterface(String availabilityZone, int host, Map<String, String> tags) {
        Subnet subnet = subnet(availabilityZone);
        String ip = subnet.address(host);
        if (enis.values().stream().anyMatch(e -> e.privateIp().equals(ip))) {
            throw new Ec2Error("InvalidIPAddress.InUse", "Address " + ip + " is in use in subnet " + subnet.id());
        }
        CloudEni eni = new CloudEni("eni-" + hex(17), subnet, ip,
                String.format("02:00:00:%02x:%02x:%02x", subnet.index(), host, ThreadLocalRandom.current().nextInt(256)),
                "");
        tags.forEach(eni.tags::put);
        enis.put(eni.id(), eni);
        return eni;
    }

    public synchronized CloudVolume createVolume(String availabilityZone, int sizeGiB, Map<String, String> tags) {
        subnet(availabilityZone);
        String id = "vol-" + hex(17);
        Path dir = volumesRoot().resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of volume " + id + " at " + dir, e);
        }
        CloudVolume volume = new CloudVolume(id, availabilityZone, sizeGiB, "gp3", dir, clock.instant());
        tags.forEach(volume.tags::put);
        volumes.put(id, volume);
        return volume;
    }

    // ---- instances ----

    public synchronized CloudInstance runInstance(String availabilityZone, String imageId, String instanceType,
                                                  Map<String, String> tags) {
        return runInstance("i-" + hex(17), availabilityZone, imageId, instanceType, tags);
    }

    /** RunInstances with an id chosen by the caller, so that a test or Test Kitchen knows its IMDS endpoint up front. */
    public synchronized CloudInstance runInstance(String instanceId, String availabilityZone, String imageId,
                                                  String instanceType, Map<String, String> tags) {
        if (instances.containsKey(instanceId)) {
            throw new IllegalArgumentException("instance " + instanceId + " exists already");
        }
        Subnet subnet = subnet(availabilityZone);
        int host = nextInstanceHost++;
        if (nextInstanceHost > 250) {
            nextInstanceHost = 100;
        }
        CloudInstance instance = new CloudInstance(instanceId, subnet, imageId == null ? IMAGE_ID : imageId,
                instanceType == null ? "t3.large" : instanceType, subnet.address(host),
                String.format("02:00:01:%02x:%02x:%02x", subnet.index(), host, ThreadLocalRandom.current().nextInt(256)),
                "eni-" + hex(17), clock.instant());
        tags.forEach(instance.tags::put);
        instances.put(instance.id(), instance);
        later(timings.boot(), () -> {
            synchronized (this) {
                if ("pending".equals(instance.state)) {
                    instance.state = "running";
                }
            }
        });
        return instance;
    }

    /** TerminateInstances: shutting-down at once, terminated (and its attachments released) a little later. */
    public synchronized CloudInstance terminate(String instanceId) {
        CloudInstance instance = instance(instanceId);
        if (instance.state.equals("shutting-down") || instance.state.equals("terminated")) {
            return instance;
        }
        instance.state = "shutting-down";
        // The OS shutdown (listeners) may take seconds; it runs on its own thread so other transitions go on.
        Thread shutdown = new Thread(() -> {
            for (Consumer<CloudInstance> listener : shutdownListeners) {
                try {
                    listener.accept(instance);
                } catch (RuntimeException e) {
                    // a listener that fails must not keep the instance from terminating
                }
            }
            transitions.after(timings.shutdown(), () -> finishTermination(instance));
        }, "local-cloud-shutdown-" + instanceId);
        shutdown.setDaemon(true);
        shutdown.start();
        return instance;
    }

    private synchronized void finishTermination(CloudInstance instance) {
        for (CloudEni eni : enis.values()) {
            if (eni.attachment != null && eni.attachment.instanceId().equals(instance.id())) {
                eni.attachment = null;
            }
        }
        for (CloudVolume volume : volumes.values()) {
            if (volume.attachment != null && volume.attachment.instanceId().equals(instance.id())) {
                volume.attachment = null;
            }
        }
        instance.state = "terminated";
    }

    public synchronized CloudInstance instance(String instanceId) {
        CloudInstance instance = instances.get(instanceId);
        if (instance == null) {
            throw new Ec2Error("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist");
        }
        return instance;
    }

    public synchronized Optional<CloudInstance> findInstance(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId));
    }

    public synchronized List<CloudInstance> instances() {
        return List.copyOf(instances.values());
    }

    // ---- ENIs ----

    public synchronized CloudEni networkInterface(String eniId) {
        CloudEni eni = enis.get(eniId);
        if (eni == null) {
            throw new Ec2Error("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + eniId + "' does not exist");
        }
        return eni;
    }

    public synchronized List<CloudEni> networkInterfaces() {
        return List.copyOf(enis.values());
    }

    /**
     * AttachNetworkInterface. Atomic (the cloud's lock): of many concurrent attaches of one ENI exactly one wins, and
     * every other gets InvalidNetworkInterface.InUse with EC2's own message, which names no holder. The ENI claim
     * store relies on this and nothing else, so it is the whole lock of a KRaft cluster's broker ids.
     */
    public synchronized CloudEni.Attachment attachNetworkInterface(String eniId, String instanceId, int deviceIndex) {
        CloudEni eni = networkInterface(eniId);
        CloudInstance instance = instance(instanceId);
        requireAttachable(instance);
        if (eni.attachment != null) {
            throw new Ec2Error("InvalidNetworkInterface.InUse", "Interface: [" + eniId + "] in use.");
        }
        if (!eni.availabilityZone().equals(instance.availabilityZone())) {
            throw new Ec2Error("InvalidParameterCombination", "You may not attach a network interface to an instance if they"
                    + " are not in the same availability zone (" + eniId + " is in " + eni.availabilityZone() + ", "
                    + instanceId + " in " + instance.availabilityZone() + ")");
        }
        if (deviceIndex < 1 || deviceIndex > 14) {
            throw new Ec2Error("InvalidParameterValue", "Device index " + deviceIndex + " is out of range for a secondary interface");
        }
        boolean indexTaken = enis.values().stream().anyMatch(e -> e.attachment != null
                && e.attachment.instanceId().equals(instanceId) && e.attachment.deviceIndex() == deviceIndex);
        if (indexTaken) {
            throw new Ec2Error("InvalidParameterValue", "Instance '" + instanceId
                    + "' already has an interface attached at device index '" + deviceIndex + "'.");
        }
        CloudEni.Attachment attachment = new CloudEni.Attachment("eni-attach-" + hex(17), instanceId, deviceIndex,
                "attaching", clock.instant());
        eni.attachment = attachment;
        later(timings.attach(), () -> {
            synchronized (this) {
                if (eni.attachment != null && eni.attachment.id().equals(attachment.id()) && eni.attachment.status().equals("attaching")) {
                    eni.attachment = eni.attachment.withStatus("attached");
                }
            }
        });
        return attachment;
    }

    public synchronized void detachNetworkInterface(String attachmentId) {
        CloudEni eni = enis.values().stream()
                .filter(e -> e.attachment != null && e.attachment.id().equals(attachmentId))
                .findFirst()
                .orElseThrow(() -> new Ec2Error("InvalidAttachmentID.NotFound",
                        "The attachment ID '" + attachmentId + "' does not exist"));
        if (eni.attachment.status().equals("detaching")) {
            return;
        }
        eni.attachment = eni.attachment.withStatus("detaching");
        later(timings.detach(), () -> {
            synchronized (this) {
                if (eni.attachment != null && eni.attachment.id().equals(attachmentId)) {
                    eni.attachment = null;
                }
            }
        });
    }

    // ---- volumes ----

    public synchronized CloudVolume volume(String volumeId) {
        CloudVolume volume = volumes.get(volumeId);
        if (volume == null) {
            throw new Ec2Error("InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
        }
        return volume;
    }

    /** Where the volumes' directories live: &lt;workdir&gt;/volumes/&lt;volume-id&gt;. */
    public Path volumesRoot() {
        return workdir.resolve("volumes");
    }

    public synchronized List<CloudVolume> volumes() {
        return List.copyOf(volumes.values());
    }

    public synchronized CloudVolume.Attachment attachVolume(String volumeId, String instanceId, String device) {
        CloudVolume volume = volume(volumeId);
        CloudInstance instance = instance(instanceId);
        requireAttachable(instance);
        if (volume.attachment != null) {
            if (volume.attachment.status().equals("detaching")) {
                throw new Ec2Error("IncorrectState", "vol '" + volumeId + "' is not 'available' (it is detaching from "
                        + volume.attachment.instanceId() + ")");
            }
            throw new Ec2Error("VolumeInUse", volumeId + " is already attached to an instance ("
                    + volume.attachment.instanceId() + ")");
        }
        if (!volume.availabilityZone().equals(instance.availabilityZone())) {
            throw new Ec2Error("InvalidVolume.ZoneMismatch", "The volume '" + volumeId + "' is not in the same availability"
                    + " zone as instance '" + instanceId + "' (" + volume.availabilityZone() + " vs "
                    + instance.availabilityZone() + ")");
        }
        if (device == null || !device.matches("/dev/(sd|xvd)[b-z][a-z]?")) {
            throw new Ec2Error("InvalidParameterValue", "Value (" + device + ") for parameter device is invalid. "
                    + device + " is not a valid EBS device name.");
        }
        boolean deviceTaken = volumes.values().stream().anyMatch(v -> v.attachment != null
                && v.attachment.instanceId().equals(instanceId) && v.attachment.device().equals(device));
        if (deviceTaken) {
            throw new Ec2Error("InvalidParameterValue", "Attachment point " + device + " is already in use");
        }
        CloudVolume.Attachment attachment = new CloudVolume.Attachment(instanceId, device, "attaching", clock.instant());
        volume.attachment = attachment;
        later(timings.attach(), () -> {
            synchronized (this) {
                if (volume.attachment == attachment) {
                    volume.attachment = attachment.withStatus("attached");
                }
            }
        });
        return attachment;
    }

    public synchronized CloudVolume.Attachment detachVolume(String volumeId, String instanceId) {
        CloudVolume volume = volume(volumeId);
        CloudVolume.Attachment current = volume.attachment;
        if (current == null) {
            throw new Ec2Error("IncorrectState", "Volume '" + volumeId + "' is in the 'available' state.");
        }
        if (instanceId != null && !current.instanceId().equals(instanceId)) {
            throw new Ec2Error("InvalidAttachment.NotFound", "Volume '" + volumeId + "' is not attached to instance '"
                    + instanceId + "'");
        }
        CloudVolume.Attachment detaching = current.withStatus("detaching");
        volume.attachment = detaching;
        later(timings.detach(), () -> {
            synchronized (this) {
                if (volume.attachment == detaching) {
                    volume.attachment = null;
                }
            }
        });
        return detaching;
    }

    // ---- tags ----

    public synchronized void createTags(Collection<String> resourceIds, Map<String, String> tags) {
        List<CloudTags> targets = new ArrayList<>();
        for (String id : resourceIds) {
            if (id.startsWith("i-")) {
                targets.add(instance(id).tags);
            } else if (id.startsWith("eni-")) {
                targets.add(networkInterface(id).tags);
            } else if (id.startsWith("vol-")) {
                targets.add(volume(id).tags);
            } else {
                throw new Ec2Error("InvalidID", "The ID '" + id + "' is not valid");
            }
        }
        targets.forEach(t -> tags.forEach(t::put));
    }

    private static void requireAttachable(CloudInstance instance) {
        if (!instance.state.equals("running") && !instance.state.equals("stopped")) {
            throw new Ec2Error("IncorrectInstanceState", "The instance '" + instance.id() + "' is not in a valid state"
                    + " for this operation (it is " + instance.state + ")");
        }
    }

    private void later(Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
        } else {
            transitions.after(delay, action);
        }
    }

    static String hex(int length) {
        StringBuilder s = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    @Override
    public void close() {
        transitions.close();
    }
}
