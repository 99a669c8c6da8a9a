package io.kafkaaas.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaaas.claim.ClaimData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/** The claim znode's JSON: {"instanceId","availabilityZone","claimedAt"[,"eniId"][,"takenOverFrom"]}. */
final class ClaimJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClaimJson() {
    }

    static byte[] write(ClaimData data) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("instanceId", data.instanceId());
        node.put("availabilityZone", data.availabilityZone());
        node.put("claimedAt", data.claimedAt().toString());
        if (data.eniId() != null) {
            node.put("eniId", data.eniId());
        }
        if (data.takenOverFrom() != null) {
            node.put("takenOverFrom", data.takenOverFrom());
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empty when the bytes are not a claim we wrote: such a claim is reported, never taken over. */
    static Optional<ClaimData> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
