package io.kafkaaas.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The JSON-protocol actions of SSM and Secrets Manager that the helper and the simulation use, told apart by the
 * X-Amz-Target header: GetParameter, GetParametersByPath, PutParameter; GetSecretValue, CreateSecret, PutSecretValue.
 * Errors carry the real services' codes, so the SDK raises the same exceptions it raises against AWS.
 */
final class SecretsJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON answer with its HTTP status. */
    record Answer(int status, String body) {
    }

    private final LocalSecrets store;
    private final String region;

    SecretsJsonApi(LocalSecrets store, String region) {
        this.store = store;
        this.region = region;
    }

    static boolean handles(String target) {
        return target != null && (target.startsWith("AmazonSSM.") || target.startsWith("secretsmanager."));
    }

    Answer handle(String target, String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return error("SerializationException", "the body is not JSON");
        }
        return switch (target) {
            case "AmazonSSM.GetParameter" -> getParameter(request);
            case "AmazonSSM.GetParametersByPath" -> getParametersByPath(request);
            case "AmazonSSM.PutParameter" -> putParameter(request);
            case "secretsmanager.GetSecretValue" -> getSecretValue(request);
            case "secretsmanager.CreateSecret" -> putSecret(request, true);
            case "secretsmanager.PutSecretValue" -> putSecret(request, false);
            default -> error("UnknownOperationException", "the local cloud does not implement " + target);
        };
    }

    private Answer getParameter(JsonNode request) {
        String name = request.path("Name").asText();
        Optional<LocalSecrets.Entry> entry = store.parameter(name);
        if (entry.isEmpty()) {
            return error("ParameterNotFound", "Parameter " + name + " not found.");
        }
        boolean decrypt = request.path("WithDecryption").asBoolean(false);
        if (decrypt && !entry.get().decryptable()) {
            return denied(entry.get());
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("Parameter", parameter(entry.get(), decrypt));
        return ok(answer);
    }

    private Answer getParametersByPath(JsonNode request) {
        boolean decrypt = request.path("WithDecryption").asBoolean(false);
        ArrayNode list = JSON.createArrayNode();
        for (LocalSecrets.Entry e : store.parametersByPath(request.path("Path").asText(), request.path("Recursive").asBoolean(false))) {
            if (decrypt && !e.decryptable()) {
                return denied(e);
            }
            list.add(parameter(e, decrypt));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("Parameters", list);
        return ok(answer);
    }

    private Answer putParameter(JsonNode request) {
        String name = request.path("Name").asText();
        String key = request.path("KeyId").asText("alias/aws/ssm");
        if (!store.putParameter(name, request.path("Value").asText(), key, request.path("Overwrite").asBoolean(false))) {
            return error("ParameterAlreadyExists", "The parameter " + name + " already exists; pass Overwrite to replace it.");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("Version", store.parameter(name).orElseThrow().version());
        answer.put("Tier", "Standard");
        return ok(answer);
    }

    private Answer getSecretValue(JsonNode request) {
        String name = request.path("SecretId").asText();
        Optional<LocalSecrets.Entry> entry = store.secret(name);
        if (entry.isEmpty()) {
            return error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        if (!entry.get().decryptable()) {
            return error("DecryptionFailure", "Secrets Manager can't decrypt the protected secret text using the provided"
                    + " KMS key " + entry.get().kmsKey() + ".");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ARN", arn(name));
        answer.put("Name", name);
        answer.put("VersionId", "v" + entry.get().version());
        entry.get().text().ifPresent(t -> answer.put("SecretString", t));
        entry.get().binary().ifPresent(b -> answer.put("SecretBinary", Base64.getEncoder().encodeToString(b)));
        return ok(answer);
    }

    private Answer putSecret(JsonNode request, boolean create) {
        String name = request.path(create ? "Name" : "SecretId").asText();
        if (create == store.hasSecret(name)) {
            return create ? error("ResourceExistsException", "The secret " + name + " already exists.")
                    : error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        Optional<String> text = request.hasNonNull("SecretString") ? Optional.of(request.get("SecretString").asText()) : Optional.empty();
        Optional<byte[]> binary = request.hasNonNull("SecretBinary")
                ? Optional.of(Base64.getDecoder().decode(request.get("SecretBinary").asText())) : Optional.empty();
        store.putSecret(name, text, binary, request.hasNonNull("KmsKeyId") ? request.get("KmsKeyId").asText() : null);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ARN", arn(name));
        answer.put("Name", name);
        answer.put("VersionId", "v" + store.secret(name).orElseThrow().version());
        return ok(answer);
    }

    private ObjectNode parameter(LocalSecrets.Entry e, boolean decrypt) {
        ObjectNode p = JSON.createObjectNode();
        p.put("Name", e.name());
        p.put("Type", "SecureString");
        // Without decryption SSM hands back the ciphertext; a stand-in that is clearly not the value will do.
        p.put("Value", decrypt ? e.text().orElse("") : "kms:" + e.kmsKey() + ":ciphertext");
        p.put("Version", e.version());
        p.put("ARN", "arn:aws:ssm:" + region + ":" + LocalCloud.OWNER_ID + ":parameter" + e.name());
        return p;
    }

    private String arn(String name) {
        return "arn:aws:secretsmanager:" + region + ":" + LocalCloud.OWNER_ID + ":secret:" + name;
    }

    private Answer denied(LocalSecrets.Entry e) {
        return error("AccessDeniedException", "User: arn:aws:sts::" + LocalCloud.OWNER_ID + ":assumed-role/kafka-aas/instance"
                + " is not authorized to perform: kms:Decrypt on resource " + e.kmsKey() + " (parameter " + e.name() + ")");
    }

    private static Answer ok(ObjectNode answer) {
        return new Answer(200, answer.toString());
    }

    private static Answer error(String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("__type", code);
        e.put("message", message);
        return new Answer(400, e.toString());
    }
}
