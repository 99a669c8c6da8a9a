package io.kafkaaas.os;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.volume.FstabEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Edits fstab so that it holds exactly one line for the broker's mount point. Every other line, comments and
 * blank lines included, is kept byte for byte; a stale line for the same mount point or the same UUID (an older
 * volume, a line baked into the AMI) is replaced. The file is written to a temporary file and renamed over the
 * old one, so a crash leaves either the old or the new fstab, never half of one.
 */
public final class FstabFile {
    private static final Logger LOG = LoggerFactory.getLogger(FstabFile.class);

    private final Path file;

    public FstabFile(Path file) {
        this.file = file;
    }

    public boolean ensure(FstabEntry entry) {
        List<String> lines = read();
        Edit edit = edit(lines, entry);
        if (edit.changed()) {
            edit.removed().forEach(old -> LOG.warn("replacing fstab line '{}' in {}", old, file));
            write(edit.lines());
            LOG.info("fstab {}: {}", file, format(entry));
        }
        return edit.changed();
    }

    record Edit(List<String> lines, List<String> removed, boolean changed) {
    }

    static Edit edit(List<String> lines, FstabEntry entry) {
        String wanted = format(entry);
        List<String> kept = new ArrayList<>();
        List<String> matching = new ArrayList<>();
        for (String line : lines) {
            String[] fields = fields(line);
            boolean ours = fields.length >= 2
                    && (unescape(fields[1]).equals(entry.mountPoint().toString()) || fields[0].equals(entry.spec()));
            if (ours) {
                matching.add(line);
            } else {
                kept.add(line);
            }
        }
        if (matching.size() == 1 && fieldsEqual(fields(matching.get(0)), fields(wanted))) {
            return new Edit(lines, List.of(), false);
        }
        kept.add(wanted);
        return new Edit(kept, matching, true);
    }

    static String format(FstabEntry e) {
        return String.join("\t", e.spec(), escape(e.mountPoint().toString()), e.type(), e.options(),
                Integer.toString(e.dump()), Integer.toString(e.pass()));
    }

    private static String[] fields(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return new String[0];
        }
        return trimmed.split("\\s+");
    }

    private static boolean fieldsEqual(String[] a, String[] b) {
        // dump and pass default to 0 when a line leaves them out
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "0";
            String y = i < b.length ? b[i] : "0";
            if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    /** fstab escapes spaces and tabs in paths as octal (\040, \011). */
    static String escape(String path) {
        return path.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private List<String> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.USAGE, "cannot read fstab " + file + ": " + e.getMessage() + "; check --fstab", e);
        }
    }

    private void write(List<String> lines) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Set<PosixFilePermission> mode = Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Path tmp = Files.createTempFile(dir, ".fstab.", ".kafka-aas");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(tmp, mode);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot write fstab " + file + ": " + e.getMessage()
                    + "; the volume is mounted but will not come back after a reboot until fstab is fixed", e);
        }
    }
}
