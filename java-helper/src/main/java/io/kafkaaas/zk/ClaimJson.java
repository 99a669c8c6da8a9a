package io.kafkaaas.zk;

import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The claim znode's JSON: {"instanceId","availabilityZone","claimedAt"[,"eniId"][,"takenOverFrom"]}. */
final class ClaimJson {
    private ClaimJson() {
    }

    static byte[] write(ClaimData data) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("instanceId", data.instanceId());
        node.put("availabilityZone", data.availabilityZone());
        node.put("claimedAt", data.claimedAt().toString());
        if (data.eniId() != null) {
            node.put("eniId", data.eniId());
        }
        if (data.takenOverFrom() != null) {
            node.put("takenOverFrom", data.takenOverFrom());
        }
        return Json.writeBytes(node);
    }

    /** Empty when the bytes are not a claim we wrote: such a claim is reported, never taken over. */
    static Optional<ClaimData> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try {
            if (!(Json.read(bytes) instanceof Map<?, ?> node)) {
                return Optional.empty();
            }
            String instanceId = text(node, "instanceId");
            String az = text(node, "availabilityZone");
            String claimedAt = text(node, "claimedAt");
            if (instanceId == null || az == null || claimedAt == null) {
                return Optional.empty();
            }
            return Optional.of(new ClaimData(instanceId, az, Instant.parse(claimedAt),
                    text(node, "eniId"), text(node, "takenOverFrom")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<?, ?> node, String field) {
        Object value = node.get(field);
        return value == null ? null : value.toString();
    }
}
