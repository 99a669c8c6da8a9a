package io.kafkaaas.render;

import io.kafkaaas.core.Change;

/** One file render wrote (or found already right): where it is, from which template, and whether it changed. */
public record RenderedFile(String path, String template, boolean changed) implements Change {
}
