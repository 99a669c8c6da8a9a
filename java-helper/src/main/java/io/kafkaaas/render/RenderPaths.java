package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

/**
 * Where the rendered files go, as absolute paths on the target system; {@link ConfigFiles} puts them under
 * the --root it was made for.
 */
public record RenderPaths(String serverProperties, String environmentFile) {
    public static final String SERVER_PROPERTIES = "/etc/kafka/server.properties";
    public static final String ENVIRONMENT_FILE = "/etc/default/kafka";
    public static final String RT_TABLES = "/etc/iproute2/rt_tables";
    /** iproute2 6.x reads its defaults from here when /etc/iproute2/rt_tables does not exist. */
    public static final String RT_TABLES_DEFAULTS = "/usr/share/iproute2/rt_tables";

    public RenderPaths {
        check("--server-properties", serverProperties);
        check("--environment-file", environmentFile);
    }

    public static RenderPaths defaults() {
        return new RenderPaths(SERVER_PROPERTIES, ENVIRONMENT_FILE);
    }

    public static String ifupdown(String interfaceName) {
        return "/etc/network/interfaces.d/" + interfaceName + ".cfg";
    }

    public static String networkd(String interfaceName) {
        return "/etc/systemd/network/70-" + interfaceName + ".network";
    }

    private static void check(String option, String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("/../") || path.contains("/./")) {
            throw new UsageException(option + " '" + path + "' must be an absolute file path, e.g. /etc/kafka/server.properties");
        }
    }
}
