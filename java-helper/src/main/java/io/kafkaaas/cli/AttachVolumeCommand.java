package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.VolumeRequest;
import io.kafkaaas.volume.VolumeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

@Command(name = "attach-volume", mixinStandardHelpOptions = true,
        description = {"Attach the EBS volume tagged Name=<tag-prefix><broker-id> in this AZ and find",
                "its block device (NVMe serial, else --device). Format it only when it is blank",
                "AND was never formatted; mount it by UUID with an fstab line (nofail); check",
                "meta.properties against the broker id. Exit 5 whenever data would be at risk."})
final class AttachVolumeCommand extends HelperCommand {
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Mixin
    AttachOptions attach = new AttachOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--mount-point", paramLabel = "DIR", description = "Where to mount the volume (created if missing).")
    Path mountPoint;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = VolumeRequest.DEFAULT_DEVICE,
            description = "Device name for AttachVolume, and the fallback path when no NVMe serial matches. Default: ${DEFAULT-VALUE}.")
    String device = VolumeRequest.DEFAULT_DEVICE;

    @Option(names = "--filesystem", paramLabel = "xfs|ext4", defaultValue = "xfs",
            description = "Filesystem for a blank, never-formatted volume (an existing one is mounted as it is). Default: ${DEFAULT-VALUE}.")
    Filesystem filesystem = Filesystem.xfs;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Kafka log directory on the volume, checked for meta.properties. Default: <mount-point>/logs.")
    Path logDir;

    @Option(names = "--fstab", paramLabel = "FILE", defaultValue = "/etc/fstab", description = "The fstab to edit. Default: ${DEFAULT-VALUE}.")
    Path fstab = Path.of("/etc/fstab");

    @Option(names = "--no-mount", description = "Only attach the volume: no device lookup wait, format, mount or fstab.")
    boolean noMount;

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "Kafka cluster id; when given, meta.properties' cluster.id must equal it.")
    String clusterId;

    @Override
    protected CommandResult execute() {
        attach.validate();
        aws.settings();
        validate();
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            VolumeRequest request = new VolumeRequest(me, attach.brokerId(), adapters.tagPrefix(), device, filesystem,
                    noMount ? Optional.empty() : Optional.of(mountPoint.toAbsolutePath().normalize()),
                    noMount ? Optional.empty() : Optional.ofNullable(logDir).map(p -> p.toAbsolutePath().normalize()),
                    Optional.ofNullable(clusterId), attach.timeout());
            VolumeResult result = AttachWiring.system(adapters).volumeAttacher(fstab).attach(request);
            return result(attach.brokerId(), me, result);
        }
    }

    private void validate() {
        if (!DEVICE.matcher(device).matches() || device.contains("..")) {
            throw new UsageException("--device '" + device + "' is not a device path (e.g. /dev/xvdg)");
        }
        if (clusterId != null && !CLUSTER_ID.matcher(clusterId).matches()) {
            throw new UsageException("--cluster-id '" + clusterId + "' is not a Kafka cluster id (1-64 of A-Z a-z 0-9 _ -)");
        }
        if (noMount) {
            return;
        }
        if (mountPoint == null) {
            throw new UsageException("--mount-point is required (or pass --no-mount to attach only)");
        }
        if (!mountPoint.isAbsolute() || mountPoint.getParent() == null) {
            throw new UsageException("--mount-point " + mountPoint + " must be an absolute path below /");
        }
        if (Files.exists(mountPoint) && !Files.isDirectory(mountPoint)) {
            throw new UsageException("--mount-point " + mountPoint + " exists and is not a directory; choose a directory");
        }
        if (logDir != null && !logDir.isAbsolute()) {
            throw new UsageException("--log-dir " + logDir + " must be an absolute path on the volume");
        }
        Path dir = fstab.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || (Files.exists(fstab) && !Files.isRegularFile(fstab))) {
            throw new UsageException("--fstab " + fstab + " is not a file in an existing directory");
        }
    }

    static CommandResult result(int brokerId, InstanceIdentity me, VolumeResult r) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("volumeId", r.volumeId());
                json.put("device", r.device().map(Path::toString));
                json.put("mountPoint", r.mountPoint().map(Path::toString));
                json.put("formatted", r.formatted());
                json.put("changed", r.changed());
                json.put("filesystem", r.filesystem());
                json.put("uuid", r.uuid());
                json.put("attachedAs", r.attachedAs());
                json.put("attached", r.attachedNow());
                json.put("mounted", r.mountedNow());
                json.put("fstabUpdated", r.fstabChanged());
                json.put("markedFormatted", r.markedNow());
                json.put("logDir", r.logDir().map(Path::toString));
                json.put("availabilityZone", r.availabilityZone());
                json.put("name", r.name());
                json.put("brokerId", brokerId);
                json.put("instanceId", me.instanceId());
                return json;
            }

            @Override
            public String text() {
                String head = "volume " + r.name() + " (" + r.volumeId() + ") " + (r.attachedNow() ? "attached to " : "already attached to ")
                        + me.instanceId() + " as " + r.attachedAs();
                if (r.mountPoint().isEmpty()) {
                    return head + r.device().map(d -> "; device " + d).orElse("; device not visible yet") + " (not mounted: --no-mount)";
                }
                return head + "; " + r.device().orElseThrow() + " (" + r.filesystem().orElse("?") + (r.formatted() ? ", formatted now" : "")
                        + ") " + (r.mountedNow() ? "mounted at " : "already mounted at ") + r.mountPoint().orElseThrow()
                        + (r.fstabChanged() ? "; fstab updated" : "");
            }
        };
    }
}
