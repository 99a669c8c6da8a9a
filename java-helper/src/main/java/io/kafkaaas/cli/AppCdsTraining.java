package io.kafkaaas.cli;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bake's AppCDS training entry point (packer/scripts/40-appcds.sh): runs {@link Main} on the given command,
 * with a storage platform jar (the simulation's directories-as-disks, behind --local-volumes) loaded by a class
 * loader of its own, the context loader, where ServiceLoader looks. The platform stays off the class path, so the
 * archive matches the launcher's `-cp kafka-aas.jar` at every boot, where that jar does not exist.
 *
 * <p>It lives in the production jar so that the training JVM loads only what {@code bootstrap} loads: a
 * source-file launcher would add the Java compiler's thousand classes to the archive, which every boot maps.
 */
public final class AppCdsTraining {
    private AppCdsTraining() {
    }

    /** @param args the platform jar, then the helper command (for example bootstrap and its options) */
    public static void main(String[] args) throws MalformedURLException {
        if (args.length < 2) {
            System.err.println("usage: AppCdsTraining PLATFORM_JAR COMMAND [OPTION...] (the bake's 40-appcds.sh runs it)");
            System.exit(2);
        }
        Path platform = Path.of(args[0]);
        if (!Files.isRegularFile(platform)) {
            System.err.println("AppCdsTraining: the platform jar " + platform + " does not exist; upload it before training");
            System.exit(2);
        }
        URL[] urls = {platform.toUri().toURL()};
        Thread.currentThread().setContextClassLoader(new URLClassLoader(urls, ClassLoader.getSystemClassLoader()));
        Main.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
