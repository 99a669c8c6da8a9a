package io.kafkaaas.render;

import io.kafkaaas.core.Change;

import java.util.List;

/** The outcome of a render: every file with its own changed flag; changed when any of them changed. */
public record RenderResult(List<RenderedFile> files) implements Change {
    public RenderResult {
        files = List.copyOf(files);
    }

    @Override
    public boolean changed() {
        return files.stream().anyMatch(RenderedFile::changed);
    }
}
