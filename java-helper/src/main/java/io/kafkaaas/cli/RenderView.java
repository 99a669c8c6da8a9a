package io.kafkaaas.cli;

import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.RenderRequest;
import io.kafkaaas.render.RenderResult;
import io.kafkaaas.render.RenderedFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What render prints, and bootstrap nests as its render step: the one place these keys are written. */
record RenderView(RenderRequest request, RenderResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", result.changed());
        json.put("brokerId", request.broker().id());
        json.put("kafkaMode", request.kafka().mode().name());
        if (request.kafka().mode() == KafkaMode.kraft) {
            json.put("processRoles", request.roles().value());
        }
        json.put("networkStyle", request.networkStyle().name());
        json.put("files", files(result));
        return json;
    }

    @Override
    public String text() {
        return text(result);
    }

    /** One object per written file: render and apply-network list their files the same way. */
    static List<Map<String, Object>> files(RenderResult result) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (RenderedFile f : result.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("template", f.template());
            file.put("changed", f.changed());
            files.add(file);
        }
        return files;
    }

    static String text(RenderResult result) {
        StringBuilder out = new StringBuilder();
        for (RenderedFile f : result.files()) {
            out.append(f.changed() ? "wrote     " : "unchanged ").append(f.path()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
