package io.kafkaaas.localcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The EC2 Query API (form-encoded POST, XML answers in the 2016-11-15 namespace) for the calls the helper
 * and the simulation make. Filters follow EC2: values of one filter are OR-ed, filters are AND-ed, and
 * {@code *}/{@code ?} are wildcards; an unknown filter or id is an error, as in EC2.
 */
final class Ec2QueryApi {
    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final LocalCloud cloud;

    Ec2QueryApi(LocalCloud cloud) {
        this.cloud = cloud;
    }

    /** @return the XML body of a successful answer; throws Ec2Error otherwise. */
    String handle(QueryParams p) {
        String action = p.required("Action");
        return switch (action) {
            case "DescribeNetworkInterfaces" -> describeNetworkInterfaces(p);
            case "AttachNetworkInterface" -> attachNetworkInterface(p);
            case "DetachNetworkInterface" -> detachNetworkInterface(p);
            case "DescribeInstances" -> describeInstances(p);
            case "RunInstances" -> runInstances(p);
            case "TerminateInstances" -> terminateInstances(p);
            case "DescribeVolumes" -> describeVolumes(p);
            case "AttachVolume" -> attachVolume(p);
            case "DetachVolume" -> detachVolume(p);
            case "CreateTags" -> createTags(p);
            case "DescribeAvailabilityZones" -> describeAvailabilityZones();
            default -> throw new Ec2Error("InvalidAction", "The action " + action + " is not valid for this web service"
                    + " (the local cloud models the calls kafka-aas makes)");
        };
    }

    static String errorXml(Ec2Error e) {
        return new Xml().open("Response").open("Errors").open("Error")
                .text("Code", e.code()).text("Message", e.getMessage())
                .close("Error").close("Errors").text("RequestID", UUID.randomUUID()).close("Response").toString();
    }

    // ---- network interfaces ----

    private String describeNetworkInterfaces(QueryParams p) {
        List<String> ids = p.list("NetworkInterfaceId");
        ids.forEach(cloud::networkInterface);
        List<CloudEni> matches = select(cloud.networkInterfaces(), p.filters(), Map.of(
                "network-interface-id", e -> List.of(e.id()),
                "availability-zone", e -> List.of(e.availabilityZone()),
                "subnet-id", e -> List.of(e.subnet().id()),
                "vpc-id", e -> List.of(e.subnet().vpcId()),
                "status", e -> List.of(e.status()),
                "private-ip-address", e -> List.of(e.privateIp()),
                "mac-address", e -> List.of(e.macAddress()),
                "attachment.instance-id", e -> e.attachment().map(a -> List.of(a.instanceId())).orElse(List.of()),
                "attachment.status", e -> e.attachment().map(a -> List.of(a.status())).orElse(List.of()),
                "attachment.attachment-id", e -> e.attachment().map(a -> List.of(a.id())).orElse(List.of())),
                e -> e.tags, e -> ids.isEmpty() || ids.contains(e.id()));
        Page<CloudEni> page = Page.of(matches, p);
        Xml x = root("DescribeNetworkInterfacesResponse").open("networkInterfaceSet");
        for (CloudEni e : page.items()) {
            eniXml(x, e);
        }
        x.close("networkInterfaceSet").text("nextToken", page.nextToken());
        return x.close("DescribeNetworkInterfacesResponse").toString();
    }

    private static void eniXml(Xml x, CloudEni e) {
        x.open("item")
                .text("networkInterfaceId", e.id())
                .text("subnetId", e.subnet().id())
                .text("vpcId", e.subnet().vpcId())
                .text("availabilityZone", e.availabilityZone())
                .text("description", e.description())
                .text("ownerId", LocalCloud.OWNER_ID)
                .text("requesterManaged", false)
                .text("status", e.status())
                .text("macAddress", e.macAddress())
                .text("privateIpAddress", e.privateIp())
                .text("privateDnsName", "ip-" + e.privateIp().replace('.', '-') + ".ec2.internal")
                .text("sourceDestCheck", true)
                .text("interfaceType", "interface")
                .open("groupSet").close("groupSet");
        e.attachment().ifPresent(a -> x.open("attachment")
                .text("attachmentId", a.id())
                .text("instanceId", a.instanceId())
                .text("instanceOwnerId", LocalCloud.OWNER_ID)
                .text("deviceIndex", a.deviceIndex())
                .text("networkCardIndex", 0)
                .text("status", a.status())
                .text("attachTime", a.attachTime())
                .text("deleteOnTermination", false)
                .close("attachment"));
        x.tagSet(e.tags.all())
                .open("privateIpAddressesSet").open("item")
                .text("privateIpAddress", e.privateIp()).text("primary", true)
                .close("item").close("privateIpAddressesSet")
                .close("item");
    }

    private String attachNetworkInterface(QueryParams p) {
        CloudEni.Attachment a = cloud.attachNetworkInterface(p.required("NetworkInterfaceId"), p.required("InstanceId"),
                p.intValue("DeviceIndex", -1));
        return root("AttachNetworkInterfaceResponse").text("attachmentId", a.id()).text("networkCardIndex", 0)
                .close("AttachNetworkInterfaceResponse").toString();
    }

    private String detachNetworkInterface(QueryParams p) {
        cloud.detachNetworkInterface(p.required("AttachmentId"));
        return root("DetachNetworkInterfaceResponse").text("return", true).close("DetachNetworkInterfaceResponse").toString();
    }

    // ---- instances ----

    private String describeInstances(QueryParams p) {
        List<String> ids = p.list("InstanceId");
        ids.forEach(cloud::instance);
        List<CloudInstance> matches = select(cloud.instances(), p.filters(), Map.of(
                "instance-id", i -> List.of(i.id()),
                "instance-state-name", i -> List.of(i.state()),
                "availability-zone", i -> List.of(i.availabilityZone()),
                "subnet-id", i -> List.of(i.subnet().id()),
                "private-ip-address", i -> List.of(i.privateIp())),
                i -> i.tags, i -> ids.isEmpty() || ids.contains(i.id()));
        Page<CloudInstance> page = Page.of(matches, p);
        Xml x = root("DescribeInstancesResponse").open("reservationSet");
        for (CloudInstance i : page.items()) {
            x.open("item").text("reservationId", "r-" + i.id().substring(2)).text("ownerId", LocalCloud.OWNER_ID)
                    .open("groupSet").close("groupSet").open("instancesSet");
            instanceXml(x, i);
            x.close("instancesSet").close("item");
        }
        x.close("reservationSet").text("nextToken", page.nextToken());
        return x.close("DescribeInstancesResponse").toString();
    }

    private void instanceXml(Xml x, CloudInstance i) {
        String state = i.state();
        x.open("item")
                .text("instanceId", i.id())
                .text("imageId", i.imageId())
                .open("instanceState").text("code", CloudInstance.stateCode(state)).text("name", state).close("instanceState")
                .text("privateDnsName", "ip-" + i.privateIp().replace('.', '-') + ".ec2.internal")
                .text("instanceType", i.instanceType())
                .text("launchTime", i.launchTime())
                .open("placement").text("availabilityZone", i.availabilityZone()).text("tenancy", "default").close("placement")
                .text("subnetId", i.subnet().id())
                .text("vpcId", i.subnet().vpcId())
                .text("privateIpAddress", i.privateIp())
                .text("architecture", "x86_64")
                .text("rootDeviceType", "ebs")
                .text("rootDeviceName", "/dev/xvda")
                .text("hypervisor", "xen")
                .tagSet(i.tags.all())
                .close("item");
    }

    private String runInstances(QueryParams p) {
        int min = p.intValue("MinCount", 1);
        int max = p.intValue("MaxCount", min);
        if (min < 1 || max < min || max > 20) {
            throw new Ec2Error("InvalidParameterValue", "MinCount " + min + " and MaxCount " + max + " must satisfy 1 <= MinCount <= MaxCount <= 20");
        }
        String az = p.get("Placement.AvailabilityZone");
        String subnetId = p.get("SubnetId");
        if (az == null && subnetId != null) {
            az = cloud.subnets().stream().filter(s -> s.id().equals(subnetId)).map(Subnet::availabilityZone).findFirst()
                    .orElseThrow(() -> new Ec2Error("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist"));
        }
        if (az == null) {
            az = cloud.subnets().isEmpty() ? cloud.region() + "a" : cloud.subnets().get(0).availabilityZone();
        }
        Map<String, String> tags = p.tagSpecification("instance");
        List<CloudInstance> launched = new ArrayList<>();
        for (int n = 0; n < max; n++) {
            launched.add(cloud.runInstance(az, p.get("ImageId"), p.get("InstanceType"), tags));
        }
        Xml x = root("RunInstancesResponse").text("reservationId", "r-" + LocalCloud.hex(17)).text("ownerId", LocalCloud.OWNER_ID)
                .open("groupSet").close("groupSet").open("instancesSet");
        launched.forEach(i -> instanceXml(x, i));
        return x.close("instancesSet").close("RunInstancesResponse").toString();
    }

    private String terminateInstances(QueryParams p) {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter InstanceId");
        }
        ids.forEach(cloud::instance);
        Xml x = root("TerminateInstancesResponse").open("instancesSet");
        for (String id : ids) {
            String previous = cloud.instance(id).state();
            String current = cloud.terminate(id).state();
            x.open("item").text("instanceId", id)
                    .open("currentState").text("code", CloudInstance.stateCode(current)).text("name", current).close("currentState")
                    .open("previousState").text("code", CloudInstance.stateCode(previous)).text("name", previous).close("previousState")
                    .close("item");
        }
        return x.close("instancesSet").close("TerminateInstancesResponse").toString();
    }

    // ---- volumes ----

    private String describeVolumes(QueryParams p) {
        List<String> ids = p.list("VolumeId");
        ids.forEach(cloud::volume);
        List<CloudVolume> matches = select(cloud.volumes(), p.filters(), Map.of(
                "volume-id", v -> List.of(v.id()),
                "availability-zone", v -> List.of(v.availabilityZone()),
                "status", v -> List.of(v.status()),
                "volume-type", v -> List.of(v.volumeType()),
                "attachment.instance-id", v -> v.attachment().map(a -> List.of(a.instanceId())).orElse(List.of()),
                "attachment.status", v -> v.attachment().map(a -> List.of(a.status())).orElse(List.of()),
                "attachment.device", v -> v.attachment().map(a -> List.of(a.device())).orElse(List.of())),
                v -> v.tags, v -> ids.isEmpty() || ids.contains(v.id()));
        Page<CloudVolume> page = Page.of(matches, p);
        Xml x = root("DescribeVolumesResponse").open("volumeSet");
        for (CloudVolume v : page.items()) {
            x.open("item")
                    .text("volumeId", v.id())
                    .text("size", v.sizeGiB())
                    .text("snapshotId", "")
                    .text("availabilityZone", v.availabilityZone())
                    .text("status", v.status())
                    .text("createTime", v.createTime())
                    .open("attachmentSet");
            v.attachment().ifPresent(a -> attachmentXml(x.open("item"), v.id(), a).close("item"));
            x.close("attachmentSet")
                    .text("volumeType", v.volumeType())
                    .text("iops", 3000)
                    .text("throughput", 125)
                    .text("encrypted", false)
                    .text("multiAttachEnabled", false)
                    .tagSet(v.tags.all())
                    .close("item");
        }
        x.close("volumeSet").text("nextToken", page.nextToken());
        return x.close("DescribeVolumesResponse").toString();
    }

    private static Xml attachmentXml(Xml x, String volumeId, CloudVolume.Attachment a) {
        return x.text("volumeId", volumeId).text("instanceId", a.instanceId()).text("device", a.device())
                .text("status", a.status()).text("attachTime", a.attachTime()).text("deleteOnTermination", false);
    }

    private String attachVolume(QueryParams p) {
        String volumeId = p.required("VolumeId");
        CloudVolume.Attachment a = cloud.attachVolume(volumeId, p.required("InstanceId"), p.required("Device"));
        return attachmentXml(root("AttachVolumeResponse"), volumeId, a).close("AttachVolumeResponse").toString();
    }

    private String detachVolume(QueryParams p) {
        String volumeId = p.required("VolumeId");
        CloudVolume.Attachment a = cloud.detachVolume(volumeId, p.get("InstanceId"));
        return attachmentXml(root("DetachVolumeResponse"), volumeId, a).close("DetachVolumeResponse").toString();
    }

    // ---- tags and zones ----

    private String createTags(QueryParams p) {
        List<String> ids = p.list("ResourceId");
        if (ids.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter ResourceId");
        }
        cloud.createTags(ids, p.tags("Tag."));
        return root("CreateTagsResponse").text("return", true).close("CreateTagsResponse").toString();
    }

    private String describeAvailabilityZones() {
        Xml x = root("DescribeAvailabilityZonesResponse").open("availabilityZoneInfo");
        for (Subnet s : cloud.subnets()) {
            x.open("item").text("zoneName", s.availabilityZone()).text("zoneState", "available")
                    .text("regionName", cloud.region()).text("zoneId", zoneId(cloud.region(), s)).close("item");
        }
        return x.close("availabilityZoneInfo").close("DescribeAvailabilityZonesResponse").toString();
    }

    static String zoneId(String region, Subnet s) {
        String[] parts = region.split("-");
        StringBuilder abbreviation = new StringBuilder();
        for (String part : parts) {
            abbreviation.append(Character.isDigit(part.charAt(0)) ? part : part.substring(0, 1));
        }
        return abbreviation + "-az" + s.index();
    }

    // ---- helpers ----

    private static Xml root(String element) {
        return new Xml().openRoot(element, NAMESPACE).text("requestId", UUID.randomUUID());
    }

    private static <R> List<R> select(List<R> all, Map<String, List<String>> filters,
                                      Map<String, Function<R, List<String>>> attributes,
                                      Function<R, CloudTags> tags, java.util.function.Predicate<R> idMatch) {
        for (String name : filters.keySet()) {
            if (!name.startsWith("tag:") && !name.equals("tag-key") && !attributes.containsKey(name)) {
                throw new Ec2Error("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
        }
        List<R> out = new ArrayList<>();
        for (R r : all) {
            if (!idMatch.test(r)) {
                continue;
            }
            boolean ok = true;
            for (Map.Entry<String, List<String>> f : filters.entrySet()) {
                List<String> actual;
                if (f.getKey().startsWith("tag:")) {
                    String value = tags.apply(r).all().get(f.getKey().substring(4));
                    actual = value == null ? List.of() : List.of(value);
                } else if (f.getKey().equals("tag-key")) {
                    actual = List.copyOf(tags.apply(r).all().keySet());
                } else {
                    actual = attributes.get(f.getKey()).apply(r);
                }
                if (actual.stream().noneMatch(a -> f.getValue().stream().anyMatch(pattern -> CloudTags.wildcardMatch(pattern, a)))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(r);
            }
        }
        return out;
    }

    /** MaxResults/NextToken pagination; the token is the offset of the next page. */
    private record Page<R>(List<R> items, String nextToken) {
        static <R> Page<R> of(List<R> all, QueryParams p) {
            int max = p.intValue("MaxResults", Integer.MAX_VALUE);
            int from;
            try {
                from = p.get("NextToken") == null ? 0 : Integer.parseInt(p.get("NextToken"));
            } catch (NumberFormatException e) {
                throw new Ec2Error("InvalidNextToken", "The specified token is invalid");
            }
            if (from < 0 || from > all.size()) {
                throw new Ec2Error("InvalidNextToken", "The specified token is invalid");
            }
            int to = (int) Math.min(all.size(), (long) from + max);
            return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
        }
    }

}
