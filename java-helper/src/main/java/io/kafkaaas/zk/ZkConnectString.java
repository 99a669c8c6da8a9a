package io.kafkaaas.zk;

import io.kafkaaas.core.UsageException;
import org.apache.zookeeper.common.PathUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated ZooKeeper connect string, {@code host:port[,host:port][/chroot]}. We check it ourselves because
 * the ZooKeeper client accepts many malformed strings and then retries forever against nothing.
 */
public record ZkConnectString(List<String> hosts, String chroot) {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?");

    public static ZkConnectString parse(String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException("--zookeeper is required: give the ZooKeeper connect string, e.g. zk1:2181,zk2:2181/kafka");
        }
        String hostPart = value.trim();
        String chroot = "";
        int slash = hostPart.indexOf('/');
        if (slash >= 0) {
            chroot = hostPart.substring(slash);
            hostPart = hostPart.substring(0, slash);
            if (chroot.equals("/")) {
                chroot = "";
            } else {
                try {
                    PathUtils.validatePath(chroot);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("malformed ZooKeeper connect string '" + value + "': chroot " + chroot
                            + " is not a valid path (" + e.getMessage() + ")");
                }
            }
        }
        List<String> hosts = new ArrayList<>();
        for (String hp : hostPart.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(hp.trim());
            if (!m.matches()) {
                throw new UsageException("malformed ZooKeeper connect string '" + value + "': '" + hp
                        + "' is not host:port; expected host:port[,host:port][/chroot]");
            }
            int port = m.group(2) == null ? 2181 : Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new UsageException("malformed ZooKeeper connect string '" + value + "': port " + port
                        + " is out of range 1-65535");
            }
            hosts.add(m.group(1) + ":" + port);
        }
        return new ZkConnectString(List.copyOf(hosts), chroot);
    }

    @Override
    public String toString() {
        return String.join(",", hosts) + chroot;
    }
}
