package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host advertised.listeners names: the ENI IP, or a stable DNS name per broker from a template such as
 * {@code b{id}.prod.kafka.internal}, so that certificates carry DNS names instead of IP SANs. The stack's private
 * hosted zone maps each name to its broker's ENI IP; that IP never changes, so nothing is looked up at boot.
 */
public record AdvertisedHost(Optional<String> template) {
    public static final String ID = "{id}";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TEMPLATE_CHARS = Pattern.compile("[A-Za-z0-9.{}-]+");

    public AdvertisedHost {
        template.ifPresent(AdvertisedHost::checkSyntax);
    }

    /** Brokers advertise their ENI IP. */
    public static AdvertisedHost eniIp() {
        return new AdvertisedHost(Optional.empty());
    }

    public static AdvertisedHost of(String template) {
        return new AdvertisedHost(Optional.ofNullable(template).filter(t -> !t.isBlank()));
    }

    /** The name (or IP) broker {@code id} advertises. */
    public String hostFor(int id, Ipv4Address privateIp) {
        return template.map(t -> t.replace(ID, Integer.toString(id))).orElse(privateIp.toString());
    }

    /** Every id of the cluster must give a valid name; the longest id is the one that can break a length limit. */
    public void checkFor(int brokerCount) {
        template.ifPresent(t -> checkName(t, t.replace(ID, Integer.toString(Math.max(0, brokerCount - 1)))));
    }

    private static void checkSyntax(String template) {
        if (!template.contains(ID)) {
            throw invalid(template, "it has no " + ID + ", so every broker would advertise the same name");
        }
        if (!TEMPLATE_CHARS.matcher(template).matches() || template.replace(ID, "").matches(".*[{}].*")) {
            throw invalid(template, "only letters, digits, '-', '.' and " + ID + " may appear");
        }
        checkName(template, template.replace(ID, "0"));
    }

    private static void checkName(String template, String name) {
        if (name.length() > 253) {
            throw invalid(template, name + " is longer than a DNS name may be (253 characters)");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(template, "'" + label + "' in " + name + " is not a DNS label (1-63 letters, digits or '-',"
                        + " not starting or ending with '-'; no empty label or trailing dot)");
            }
        }
        if (labels[labels.length - 1].matches("[0-9]+")) {
            throw invalid(template, name + " reads as an IP address; advertise a name whose last label has a letter");
        }
    }

    private static UsageException invalid(String template, String why) {
        return new UsageException("--advertised-host-template '" + template + "' is not usable: " + why
                + " (e.g. b" + ID + ".prod.kafka.internal, a record per broker in the stack's private hosted zone)");
    }
}
