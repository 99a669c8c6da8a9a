package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

import java.util.Locale;

/** KRaft process.roles. AUTO makes a node a controller exactly when the voters list names it. */
public enum ProcessRoles {
    AUTO("auto"),
    BROKER("broker"),
    CONTROLLER("controller"),
    COMBINED("broker,controller");

    private final String value;

    ProcessRoles(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean isController() {
        return this == CONTROLLER || this == COMBINED;
    }

    public boolean isBroker() {
        return this == BROKER || this == COMBINED;
    }

    public static ProcessRoles parse(String text) {
        String normalized = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (normalized) {
            case "auto" -> AUTO;
            case "broker" -> BROKER;
            case "controller" -> CONTROLLER;
            case "broker,controller", "controller,broker", "combined" -> COMBINED;
            default -> throw new UsageException("--process-roles '" + text
                    + "' is not one of auto, broker, controller, broker,controller");
        };
    }
}
