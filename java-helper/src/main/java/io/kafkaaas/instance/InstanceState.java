package io.kafkaaas.instance;

import java.util.Locale;

/** An EC2 instance's lifecycle state, plus UNKNOWN for an instance EC2 does not (or not yet) report. */
public enum InstanceState {
    PENDING,
    RUNNING,
    STOPPING,
    STOPPED,
    SHUTTING_DOWN,
    TERMINATED,
    UNKNOWN;

    /** The state will never come back: the instance's resources are about to be, or were, released. */
    public boolean isGone() {
        return this == SHUTTING_DOWN || this == TERMINATED;
    }

    /** The EC2 API name, e.g. {@code shutting-down}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static InstanceState fromApiName(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
