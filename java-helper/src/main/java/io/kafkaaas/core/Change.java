package io.kafkaaas.core;

/** Every step reports whether it changed anything, so re-runs can prove they are no-ops. */
public interface Change {
    boolean changed();
}
