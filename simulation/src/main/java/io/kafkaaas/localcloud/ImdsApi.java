package io.kafkaaas.localcloud;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IMDSv2 for every instance of the local cloud, each under its own path prefix:
 * {@code http://host:port/<instance-id>/latest/...}. The SDK's metadata client appends its paths to the
 * endpoint it is given, so {@code --imds-endpoint http://host:port/<instance-id>} works unchanged. Like a
 * hardened instance, it never serves IMDSv1: a GET without a valid session token is 401.
 */
final class ImdsApi {
    static final String TOKEN_TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "x-aws-ec2-metadata-token";

    private final LocalCloud cloud;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String instanceId, Instant expires) {
    }

    /** status and body; type is text/plain unless the body is JSON. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer text(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    ImdsApi(LocalCloud cloud, Clock clock) {
        this.cloud = cloud;
        this.clock = clock;
    }

    Answer handle(String method, String instanceId, String path, Map<String, String> headers) {
        Optional<CloudInstance> instance = cloud.findInstance(instanceId);
        if (instance.isEmpty() || instance.get().state().equals("terminated")) {
            return Answer.text(404, "no such instance: " + instanceId);
        }
        if (path.equals("/latest/api/token")) {
            return method.equals("PUT") ? token(instanceId, headers.get(TOKEN_TTL_HEADER)) : Answer.text(405, "use PUT");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.text(405, "method not allowed");
        }
        Token token = tokens.get(headers.getOrDefault(TOKEN_HEADER, ""));
        if (token == null || !token.instanceId().equals(instanceId) || token.expires().isBefore(clock.instant())) {
            return Answer.text(401, "Unauthorized: IMDSv2 only; PUT /latest/api/token first");
        }
        Optional<String> value = value(instance.get(), path);
        return value.map(v -> Answer.text(200, v)).orElseGet(() -> Answer.text(404, "Not Found"));
    }

    private Answer token(String instanceId, String ttlHeader) {
        int ttl;
        try {
            ttl = ttlHeader == null ? -1 : Integer.parseInt(ttlHeader.trim());
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < 1 || ttl > 21600) {
            return Answer.text(400, "Bad Request: " + TOKEN_TTL_HEADER + " must be 1-21600");
        }
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new Token(instanceId, clock.instant().plusSeconds(ttl)));
        return new Answer(200, token, Map.of(TOKEN_TTL_HEADER, String.valueOf(ttl)));
    }

    private Optional<String> value(CloudInstance i, String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String md = "/latest/meta-data";
        String macs = md + "/network/interfaces/macs";
        switch (p) {
            case "/latest/meta-data":
                return Optional.of(String.join("\n", "ami-id", "instance-id", "instance-type", "local-hostname",
                        "local-ipv4", "mac", "network/", "placement/"));
            case "/latest/meta-data/instance-id":
                return Optional.of(i.id());
            case "/latest/meta-data/ami-id":
                return Optional.of(i.imageId());
            case "/latest/meta-data/instance-type":
                return Optional.of(i.instanceType());
            case "/latest/meta-data/local-ipv4":
                return Optional.of(i.privateIp());
            case "/latest/meta-data/local-hostname":
                return Optional.of("ip-" + i.privateIp().replace('.', '-') + ".ec2.internal");
            case "/latest/meta-data/mac":
                return Optional.of(i.macAddress());
            case "/latest/meta-data/placement":
                return Optional.of("availability-zone\navailability-zone-id\nregion");
            case "/latest/meta-data/placement/availability-zone":
                return Optional.of(i.availabilityZone());
            case "/latest/meta-data/placement/availability-zone-id":
                return Optional.of(Ec2QueryApi.zoneId(cloud.region(), i.subnet()));
            case "/latest/meta-data/placement/region":
                return Optional.of(cloud.region());
            case "/latest/dynamic/instance-identity/document":
                return Optional.of("{\"accountId\":\"" + LocalCloud.OWNER_ID + "\",\"availabilityZone\":\""
                        + i.availabilityZone() + "\",\"imageId\":\"" + i.imageId() + "\",\"instanceId\":\"" + i.id()
                        + "\",\"instanceType\":\"" + i.instanceType() + "\",\"privateIp\":\"" + i.privateIp()
                        + "\",\"region\":\"" + cloud.region() + "\",\"version\":\"2017-09-30\"}");
            default:
                break;
        }
        if (p.equals(md + "/network") ) {
            return Optional.of("interfaces/");
        }
        if (p.equals(md + "/network/interfaces")) {
            return Optional.of("macs/");
        }
        List<Nic> nics = nics(i);
        if (p.equals(macs)) {
            return Optional.of(String.join("\n", nics.stream().map(n -> n.mac() + "/").toList()));
        }
        if (p.startsWith(macs + "/")) {
            String[] rest = p.substring(macs.length() + 1).split("/", 2);
            Optional<Nic> nic = nics.stream().filter(n -> n.mac().equalsIgnoreCase(rest[0])).findFirst();
            if (nic.isEmpty()) {
                return Optional.empty();
            }
            return rest.length == 1 ? Optional.of(String.join("\n", nic.get().fields().keySet())) :
                    Optional.ofNullable(nic.get().fields().get(rest[1]));
        }
        return Optional.empty();
    }

    private record Nic(String mac, Map<String, String> fields) {
    }

    /** The primary interface (device 0) and every ENI attached to the instance, as IMDS lists them. */
    private List<Nic> nics(CloudInstance i) {
        List<Nic> nics = new ArrayList<>();
        nics.add(nic(i.macAddress(), 0, i.primaryInterfaceId(), i.privateIp(), i.subnet()));
        for (CloudEni e : cloud.networkInterfaces()) {
            e.attachment().filter(a -> a.instanceId().equals(i.id()) && a.status().equals("attached"))
                    .ifPresent(a -> nics.add(nic(e.macAddress(), a.deviceIndex(), e.id(), e.privateIp(), e.subnet())));
        }
        return nics;
    }

    private static Nic nic(String mac, int device, String interfaceId, String ip, Subnet subnet) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("device-number", String.valueOf(device));
        f.put("interface-id", interfaceId);
        f.put("local-ipv4s", ip);
        f.put("mac", mac);
        f.put("owner-id", LocalCloud.OWNER_ID);
        f.put("subnet-id", subnet.id());
        f.put("subnet-ipv4-cidr-block", subnet.cidr());
        f.put("vpc-id", subnet.vpcId());
        f.put("vpc-ipv4-cidr-block", subnet.vpcCidr());
        f.put("vpc-ipv4-cidr-blocks", subnet.vpcCidr());
        return new Nic(mac, f);
    }
}
