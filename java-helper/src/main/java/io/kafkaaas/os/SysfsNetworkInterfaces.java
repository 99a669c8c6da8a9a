package io.kafkaaas.os;

import io.kafkaaas.eni.KernelInterfaces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Kernel interfaces by MAC from &lt;class-net&gt;/*&#47;address (normally /sys/class/net), never by assuming eth1. */
public final class SysfsNetworkInterfaces implements KernelInterfaces {
    private final Path classNet;

    public SysfsNetworkInterfaces(Path classNet) {
        this.classNet = classNet;
    }

    public static SysfsNetworkInterfaces system() {
        return new SysfsNetworkInterfaces(Path.of("/sys/class/net"));
    }

    @Override
    public Optional<String> nameOfMac(String macAddress) {
        String wanted = macAddress.trim().toLowerCase(Locale.ROOT);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(classNet)) {
            for (Path entry : entries) {
                Path address = entry.resolve("address");
                if (Files.isReadable(address)
                        && Files.readString(address, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
