package io.kafkaaas.render;

import io.kafkaaas.network.PolicyRouting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The data model the templates see. Values that go into server.properties are already escaped for
 * .properties; numbers stay numbers (the Configuration writes them in computer format). An optional fact
 * is absent from the model rather than empty, so templates test it with {@code ??}.
 */
public final class BrokerModel {
    public static final String LISTENER_CONTROLLER = "CONTROLLER";

    private BrokerModel() {
    }

    public static Map<String, Object> of(RenderRequest request, List<String> rtTablesKept) {
        return of(request, rtTablesKept, Map.of(), path -> path);
    }

    /**
     * With the passwords the security settings need, by the path of the file fetch-secrets wrote them to, and where
     * a path really is (under --root), so that a broker started from a sandbox finds its stores there.
     */
    public static Map<String, Object> of(RenderRequest request, List<String> rtTablesKept, Map<String, String> passwords,
                                         UnaryOperator<String> locate) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("broker", broker(request));
        model.put("kafka", kafka(request));
        model.put("defaults", defaults(request.kafka().brokerCount()));
        List<Map<String, Object>> overrides = new ArrayList<>();
        request.settings().values().forEach((k, v) -> overrides.add(Map.of("key", k, "value", PropertiesText.escapeValue(v))));
        model.put("overrides", overrides);
        model.put("overridden", List.copyOf(request.settings().keys()));
        request.routing().ifPresent(r -> model.put("net", network(r, rtTablesKept)));
        model.put("jvm", jvm(request.jvm()));
        model.put("security", SecurityModel.of(request, passwords, locate));
        return model;
    }

    private static Map<String, Object> broker(RenderRequest request) {
        BrokerIdentity b = request.broker();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("privateIp", b.privateIp().toString());
        m.put("advertisedHost", request.advertisedHost().hostFor(b.id(), b.privateIp()));
        b.availabilityZone().ifPresent(az -> m.put("rack", az));
        m.put("logDirs", PropertiesText.escapeValue(String.join(",", b.logDirs())));
        return m;
    }

    private static Map<String, Object> kafka(RenderRequest request) {
        KafkaSettings k = request.kafka();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", k.mode().name());
        m.put("listenerName", k.securityProtocol());
        m.put("listenerPort", k.listenerPort());
        m.put("securityProtocol", k.securityProtocol());
        k.clusterId().ifPresent(id -> m.put("clusterId", id));
        if (k.mode() == KafkaMode.zookeeper) {
            m.put("zookeeperConnect", PropertiesText.escapeValue(k.zookeeperConnect().orElseThrow()));
            m.put("isBroker", true);
            m.put("isController", false);
        } else {
            ProcessRoles roles = request.roles();
            m.put("processRoles", roles.value());
            m.put("isBroker", roles.isBroker());
            m.put("isController", roles.isController());
            m.put("controllerListenerName", LISTENER_CONTROLLER);
            m.put("controllerPort", k.controllerPort());
            m.put("controllerVoters", String.join(",", k.voters().stream().map(ControllerVoter::toString).toList()));
        }
        return m;
    }

    /** Durable by default, but possible in small clusters: RF min(3, brokers), and one replica of slack. */
    static Map<String, Object> defaults(int brokerCount) {
        int replicationFactor = Math.min(3, brokerCount);
        int minInsync = Math.max(1, replicationFactor - 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replicationFactor", replicationFactor);
        m.put("minInsyncReplicas", minInsync);
        return m;
    }

    private static Map<String, Object> network(PolicyRouting r, List<String> rtTablesKept) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", r.interfaceName());
        m.put("privateIp", r.privateIp().toString());
        m.put("gateway", r.gateway().toString());
        m.put("subnet", r.subnet().toString());
        m.put("prefixLength", r.subnet().prefixLength());
        m.put("tableId", r.table().id());
        m.put("tableName", r.table().name());
        m.put("rulePriority", r.rulePriority());
        r.mtu().ifPresent(mtu -> m.put("mtu", mtu));
        m.put("rtTablesKept", rtTablesKept);
        return m;
    }

    private static Map<String, Object> jvm(JvmSettings jvm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heap", jvm.heap());
        jvm.jmxPort().ifPresent(p -> m.put("jmxPort", p));
        m.put("jmxHost", jvm.jmxHost().toString());
        jvm.jmxSecurity().ifPresent(s -> m.put("jmxSecurity", Map.of("passwordFile", s.passwordFile(),
                "accessFile", s.accessFile(), "sslConfigFile", s.sslConfigFile())));
        return m;
    }
}
