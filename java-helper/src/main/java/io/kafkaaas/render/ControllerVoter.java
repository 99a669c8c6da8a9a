package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of controller.quorum.voters, {@code id@ip:port}. The host is an IPv4 address on purpose: the
 * controllers' ENI IPs are static, which is what lets a replaced controller rejoin the quorum unchanged.
 */
public record ControllerVoter(int id, Ipv4Address host, int port) {
    private static final Pattern VOTER = Pattern.compile("([0-9]+)@([^:]+):([0-9]{1,5})");

    /** Parses {@code id@ip:port,...}; ids must be unique. */
    public static List<ControllerVoter> parseList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<ControllerVoter> voters = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (String entry : value.split(",", -1)) {
            Matcher m = VOTER.matcher(entry.trim());
            if (!m.matches()) {
                throw new UsageException("--controller-voters entry '" + entry.trim()
                        + "' is not id@ip:port (e.g. 0@10.0.1.10:9093,1@10.0.2.10:9093,2@10.0.3.10:9093)");
            }
            int id = BrokerIds.parse("--controller-voters id", m.group(1));
            Ipv4Address host = Ipv4Address.parse("--controller-voters entry '" + entry.trim() + "'", m.group(2));
            int port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                throw new UsageException("--controller-voters entry '" + entry.trim() + "': port " + port
                        + " is out of range 1-65535");
            }
            if (!ids.add(id)) {
                throw new UsageException("--controller-voters names id " + id + " twice; every controller needs its own id");
            }
            voters.add(new ControllerVoter(id, host, port));
        }
        return List.copyOf(voters);
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + port;
    }
}
