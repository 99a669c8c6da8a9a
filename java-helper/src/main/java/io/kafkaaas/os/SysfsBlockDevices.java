package io.kafkaaas.os;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.FilesystemProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Block devices through sysfs and util-linux: NVMe serials from &lt;sys&gt;/block/nvme*&#47;device/serial (EBS puts the
 * volume id there, without its dash), sizes and holders from &lt;sys&gt;/class/block, active swap from /proc/swaps,
 * blkid -p for what is on a device (low-level probe, never the cache), plain reads for the zero check, and mkfs.
 * The sysfs root is a parameter so tests can build a fake NVMe tree in a temporary directory; blkid and mkfs are
 * looked up on PATH first, so a test can put a blind blkid in front of the real one.
 */
public final class SysfsBlockDevices implements BlockDevices {
    private static final Pattern NVME_NAMESPACE = Pattern.compile("nvme[0-9]+n[0-9]+");
    private static final Pattern VOLUME_SERIAL = Pattern.compile("vol([0-9a-f]{8,17})");
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MKFS_TIMEOUT = Duration.ofMinutes(30);

    private final Path sysRoot;
    private final Path devRoot;
    private final CommandRunner commands;
    private final Path swaps;

    public SysfsBlockDevices(Path sysRoot, Path devRoot, CommandRunner commands) {
        this(sysRoot, devRoot, Path.of("/proc/swaps"), commands);
    }

    public SysfsBlockDevices(Path sysRoot, Path devRoot, Path swaps, CommandRunner commands) {
        this.sysRoot = sysRoot;
        this.devRoot = devRoot;
        this.swaps = swaps;
        this.commands = commands;
    }

    public static SysfsBlockDevices system() {
        return new SysfsBlockDevices(Path.of("/sys"), Path.of("/dev"), new ProcessCommandRunner());
    }

    @Override
    public Optional<Path> findByVolumeId(String volumeId) {
        Path block = sysRoot.resolve("block");
        if (!Files.isDirectory(block)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(block, "nvme*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (NVME_NAMESPACE.matcher(name).matches() && serialVolumeId(name).filter(volumeId::equals).isPresent()) {
                    return Optional.of(devRoot.resolve(name));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> volumeIdOf(Path device) {
        Path real;
        try {
            real = device.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        String name = real.getFileName().toString();
        return NVME_NAMESPACE.matcher(name).matches() ? serialVolumeId(name) : Optional.empty();
    }

    /** "vol0123456789abcdef0" (space padded) in sysfs is volume vol-0123456789abcdef0. */
    private Optional<String> serialVolumeId(String blockName) {
        Path serial = sysRoot.resolve("block").resolve(blockName).resolve("device").resolve("serial");
        try {
            String value = Files.readString(serial, StandardCharsets.US_ASCII).trim();
            var m = VOLUME_SERIAL.matcher(value);
            return m.matches() ? Optional.of("vol-" + m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Any NVMe namespace whose serial is an EBS volume id (the root volume counts) makes this a Nitro instance. */
    @Override
    public boolean namesVolumesBySerial() {
        Path block = sysRoot.resolve("block");
        if (!Files.isDirectory(block)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(block, "nvme*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (NVME_NAMESPACE.matcher(name).matches() && serialVolumeId(name).isPresent()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** &lt;sys&gt;/class/block/&lt;name&gt;/size counts 512-byte sectors, whatever the device's block size. */
    @Override
    public OptionalLong sizeBytes(Path device) {
        Optional<Path> sys = sysEntry(device);
        if (sys.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(sys.get().resolve("size"), StandardCharsets.US_ASCII).trim()) * 512);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public List<String> holders(Path device) {
        List<String> found = new ArrayList<>();
        Optional<Path> sys = sysEntry(device);
        if (sys.isEmpty()) {
            return List.of("unknown to sysfs, so whether anything holds it cannot be told");
        }
        Path holders = sys.get().resolve("holders");
        if (Files.isDirectory(holders)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(holders)) {
                entries.forEach(h -> found.add("held by " + h.getFileName()));
            } catch (IOException e) {
                found.add("holders unreadable: " + e.getMessage());
            }
        }
        try {
            Path real = device.toRealPath();
            if (Files.isReadable(swaps)) {
                for (String line : Files.readAllLines(swaps, StandardCharsets.UTF_8)) {
                    String source = line.split("\\s+")[0];
                    if (source.startsWith("/") && real.equals(realOrSelf(Path.of(FstabFile.unescape(source))))) {
                        found.add("active swap");
                    }
                }
            }
        } catch (IOException e) {
            found.add("cannot check swap: " + e.getMessage());
        }
        return found;
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** The sysfs directory of a device path, following its links: /dev/xvdg -> /dev/nvme1n1 -> class/block/nvme1n1. */
    private Optional<Path> sysEntry(Path device) {
        try {
            Path entry = sysRoot.resolve("class").resolve("block").resolve(device.toRealPath().getFileName().toString());
            return Files.isDirectory(entry) ? Optional.of(entry) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public int read(Path device, long offset, ByteBuffer buffer) {
        int total = 0;
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isBlockDevice(Path device) {
        try {
            Object mode = Files.getAttribute(device, "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public FilesystemProbe probe(Path device) {
        // blkid answers "nothing found" (exit 2) for a device it could not open too, so readability is proven first.
        if (!isBlockDevice(device)) {
            return new FilesystemProbe.Unreadable(device + " is not a block device");
        }
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ)) {
            ByteBuffer first = ByteBuffer.allocate(4096);
            if (channel.read(first) <= 0) {
                return new FilesystemProbe.Unreadable("reading " + device + " returned no data");
            }
        } catch (IOException e) {
            return new FilesystemProbe.Unreadable("cannot read " + device + ": " + e.getMessage());
        }
        return blkidProbe(commands, device);
    }

    /** blkid -p on a readable device; a blkid that fails to run or to finish is "could not tell", never blank. */
    static FilesystemProbe blkidProbe(CommandRunner commands, Path device) {
        CommandRunner.Result result;
        try {
            result = commands.run(PROBE_TIMEOUT, List.of("blkid", "-p", "-o", "export", device.toString()));
        } catch (KafkaAasException e) {
            return new FilesystemProbe.Unreadable(e.getMessage());
        }
        return interpret(result);
    }

    /** blkid -p: exit 0 with KEY=value lines, 2 when it positively found nothing, anything else is an error. */
    static FilesystemProbe interpret(CommandRunner.Result result) {
        if (result.exitCode() == 2 && result.stderr().isBlank() && result.stdout().isBlank()) {
            return new FilesystemProbe.Blank();
        }
        if (result.exitCode() != 0) {
            return new FilesystemProbe.Unreadable("blkid -p exited " + result.exitCode() + ": " + result.firstErrorLine());
        }
        Map<String, String> tags = new HashMap<>();
        result.stdout().lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                tags.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        if (tags.containsKey("PTTYPE")) {
            return new FilesystemProbe.Foreign("a " + tags.get("PTTYPE") + " partition table");
        }
        String type = tags.get("TYPE");
        String usage = tags.getOrDefault("USAGE", "");
        if (type != null && "filesystem".equals(usage) && tags.containsKey("UUID")) {
            return new FilesystemProbe.Found(type, tags.get("UUID"));
        }
        if (type != null && "filesystem".equals(usage)) {
            return new FilesystemProbe.Foreign("a " + type + " filesystem without a UUID");
        }
        if (type != null) {
            return new FilesystemProbe.Foreign("a " + type + " signature (" + (usage.isEmpty() ? "unknown usage" : usage) + ")");
        }
        return new FilesystemProbe.Unreadable("blkid -p printed no TYPE: " + result.stdout().strip().replace('\n', ' '));
    }

    @Override
    public boolean canFormat(Filesystem filesystem) {
        return commands.has("mkfs." + filesystem.name()) && commands.has("blkid");
    }

    /**
     * No force flag, ever: mkfs.xfs then refuses a device with any signature, a second line of defence behind blkid
     * and the zero check. mkfs.ext4 overwrites an existing filesystem without asking when stdin is not a terminal,
     * which is why FormatGuard proves the device blank before this is ever called.
     */
    @Override
    public void format(Path device, Filesystem filesystem) {
        CommandRunner.Result result = commands.run(MKFS_TIMEOUT, List.of("mkfs." + filesystem.name(), "-q", device.toString()));
        if (result.exitCode() != 0) {
            throw new KafkaAasException(ExitCode.INTERNAL, "mkfs." + filesystem.name() + " " + device + " failed (exit "
                    + result.exitCode() + "): " + result.firstErrorLine() + "; check the device and dmesg");
        }
    }

    @Override
    public List<Path> devicesWithUuid(String uuid) {
        // -c /dev/null: probe every device now instead of trusting the blkid cache.
        CommandRunner.Result result = commands.run(PROBE_TIMEOUT,
                List.of("blkid", "-c", "/dev/null", "-t", "UUID=" + uuid, "-o", "device"));
        List<Path> devices = new ArrayList<>();
        if (result.exitCode() == 2 && result.stdout().isBlank()) {
            return devices; // positively none
        }
        if (result.exitCode() != 0) {
            // An error is not "no other device": a duplicate we could not see would make mount pick a device by chance.
            throw new DataSafetyException("cannot tell which devices carry filesystem UUID=" + uuid + ": blkid exited "
                    + result.exitCode() + " (" + result.firstErrorLine() + "); refusing to mount by a UUID that may be on"
                    + " another device too: check blkid -c /dev/null -t UUID=" + uuid + " and dmesg, then rerun");
        }
        result.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> devices.add(Path.of(l)));
        return devices;
    }
}
