package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.os.LocalConfigFiles;
import io.kafkaaas.render.TemplateRenderer;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where rendered files go (--root) and where templates come from (--template-dir, then the system folder). */
public final class FileOptions {
    /** Operators drop templates here to override the bundled ones without a new jar. */
    public static final String SYSTEM_TEMPLATES = "/etc/kafka-aas/templates";

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "Write (and read existing files such as rt_tables) under DIR instead of /. Default: ${DEFAULT-VALUE}.")
    Path root = Path.of("/");

    @Option(names = "--template-dir", paramLabel = "DIR",
            description = "Look templates up here first, then in <root>" + SYSTEM_TEMPLATES + ", then in the jar.")
    Path templateDir;

    public LocalConfigFiles files() {
        return new LocalConfigFiles(root);
    }

    public TemplateRenderer templates() {
        List<Path> dirs = new ArrayList<>();
        if (templateDir != null) {
            if (!Files.isDirectory(templateDir)) {
                throw new UsageException("--template-dir " + templateDir + " is not a directory");
            }
            dirs.add(templateDir);
        }
        Path system = root.resolve(SYSTEM_TEMPLATES.substring(1));
        if (Files.isDirectory(system)) {
            dirs.add(system);
        }
        return new TemplateRenderer(dirs);
    }
}
