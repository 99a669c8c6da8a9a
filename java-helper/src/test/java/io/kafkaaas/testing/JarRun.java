package io.kafkaaas.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the shaded jar (failsafe's kafkaaas.jar) as a process, as a user would from the shell. */
public final class JarRun {
    private JarRun() {
    }

    public static Path jar() {
        String jar = System.getProperty("kafkaaas.jar");
        Requirements.require(jar != null && Files.isRegularFile(Path.of(jar)),
                "the shaded jar is not built (system property kafkaaas.jar: " + jar + "); run ./mvnw verify");
        return Path.of(jar);
    }

    public static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    public static Process start(Path stderr, String... args) throws IOException {
        return builder(args).redirectError(stderr.toFile()).start();
    }
}
