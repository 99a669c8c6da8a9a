package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;

import java.net.URI;
import java.util.Optional;

/** Parses an endpoint override option: http(s)://host[:port], for emulators such as moto_server. */
final class Endpoints {
    private Endpoints() {
    }

    static Optional<URI> parse(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("needs http(s)://host[:port]");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " '" + value + "' is not a URL: " + e.getMessage());
        }
    }
}
