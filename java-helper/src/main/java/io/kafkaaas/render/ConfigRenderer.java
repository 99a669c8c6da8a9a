package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.RouteTable;
import io.kafkaaas.render.ConfigFiles.FileSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The render step as a service (the CLI and bootstrap call it in-process): it renders every file in
 * memory first and checks that every target can be written, so that any template, input or permission error
 * stops the run before the first file is written, then writes each one atomically and reports which changed.
 */
public final class ConfigRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigRenderer.class);
    public static final String SERVER_PROPERTIES_TEMPLATE = "server.properties.ftl";
    public static final String ENVIRONMENT_TEMPLATE = "kafka.env.ftl";
    public static final String IFUPDOWN_TEMPLATE = "eth1.cfg.ftl";
    public static final String NETWORKD_TEMPLATE = "eni.network.ftl";
    public static final String RT_TABLES_TEMPLATE = "rt_tables.ftl";

    private final TemplateRenderer templates;
    private final ConfigFiles files;

    public ConfigRenderer(TemplateRenderer templates, ConfigFiles files) {
        this.templates = templates;
        this.files = files;
    }

    private record Planned(String path, String template, String content, FileSpec spec) {
    }

    /** Renders every file in memory, checks that each can be written, then writes them; a failure writes none. */
    public RenderResult render(RenderRequest request) {
        List<Planned> plan = plan(request, false);
        checkWritable(plan);
        return write(plan);
    }

    /**
     * Everything {@link #render} would do short of writing: every template loads, parses and renders for this
     * request, and every target can be written. Bootstrap runs it for a sample broker before its first step.
     */
    public void check(RenderRequest request) {
        checkWritable(plan(request, true));
    }

    /** Loads and parses every template a run in this network style renders, for when no request can be built yet. */
    public void checkTemplates(NetworkStyle style) {
        templates.check(SERVER_PROPERTIES_TEMPLATE);
        templates.check(ENVIRONMENT_TEMPLATE);
        switch (style) {
            case ifupdown -> templates.check(IFUPDOWN_TEMPLATE);
            case networkd -> templates.check(NETWORKD_TEMPLATE);
            case none -> {
            }
        }
        if (style != NetworkStyle.none) {
            templates.check(RT_TABLES_TEMPLATE);
        }
    }

    private List<Planned> plan(RenderRequest request, boolean preview) {
        List<String> rtTablesKept = List.of();
        if (request.networkStyle() != NetworkStyle.none) {
            rtTablesKept = keptRtTables(request.routing().orElseThrow().table());
        }
        Map<String, Object> model = BrokerModel.of(request, rtTablesKept, passwords(request, preview), files::locate);

        List<Planned> plan = new ArrayList<>();
        plan.add(plan(request.paths().serverProperties(), SERVER_PROPERTIES_TEMPLATE, model,
                new FileSpec(0640, "root", request.kafkaGroup())));
        plan.add(plan(request.paths().environmentFile(), ENVIRONMENT_TEMPLATE, model, FileSpec.rootOwned(0644)));
        String iface = request.routing().map(r -> r.interfaceName()).orElse("");
        switch (request.networkStyle()) {
            case ifupdown -> plan.add(plan(RenderPaths.ifupdown(iface), IFUPDOWN_TEMPLATE, model, FileSpec.rootOwned(0644)));
            case networkd -> plan.add(plan(RenderPaths.networkd(iface), NETWORKD_TEMPLATE, model, FileSpec.rootOwned(0644)));
            case none -> {
            }
        }
        if (request.networkStyle() != NetworkStyle.none) {
            plan.add(plan(RenderPaths.RT_TABLES, RT_TABLES_TEMPLATE, model, FileSpec.rootOwned(0644)));
        }
        return plan;
    }

    /**
     * The passwords fetch-secrets wrote, as server.properties needs them. A preview (bootstrap's check before its first
     * step, when nothing is fetched yet) renders with a stand-in; a real render without them stops before writing.
     */
    private Map<String, String> passwords(RenderRequest request, boolean preview) {
        Map<String, String> passwords = new java.util.HashMap<>();
        for (String path : SecurityModel.passwordFiles(request)) {
            Optional<String> value = files.read(path).map(v -> v.replaceAll("[\\r\\n]+$", ""));
            if (value.isEmpty() && !preview) {
                throw new UsageException(files.locate(path) + " is missing: the listener security needs it; run fetch-secrets"
                        + " (or bootstrap with --secret-store) first, or put the password there");
            }
            passwords.put(path, value.orElse("preview"));
        }
        return passwords;
    }

    /** Only the rt_tables entry: apply-network names its table so that `ip rule` shows the name. */
    public RenderResult renderRouteTable(RouteTable table) {
        Map<String, Object> net = Map.of("tableId", table.id(), "tableName", table.name(),
                "rtTablesKept", keptRtTables(table));
        List<Planned> plan = List.of(plan(RenderPaths.RT_TABLES, RT_TABLES_TEMPLATE, Map.of("net", net), FileSpec.rootOwned(0644)));
        checkWritable(plan);
        return write(plan);
    }

    private List<String> keptRtTables(RouteTable table) {
        String existing = files.read(RenderPaths.RT_TABLES).or(() -> files.read(RenderPaths.RT_TABLES_DEFAULTS)).orElse(null);
        return RtTables.keptLines(existing, table, files.locate(RenderPaths.RT_TABLES));
    }

    private Planned plan(String path, String template, Map<String, ?> model, FileSpec spec) {
        return new Planned(path, template, templates.render(template, model), spec);
    }

    /** A file whose content is already right needs no write, so only the others must be writable. */
    private void checkWritable(List<Planned> plan) {
        for (Planned p : plan) {
            if (!files.read(p.path()).equals(Optional.of(p.content()))) {
                files.checkWritable(p.path());
            }
        }
    }

    private RenderResult write(List<Planned> plan) {
        List<RenderedFile> written = new ArrayList<>();
        for (Planned p : plan) {
            boolean changed = files.write(p.path(), p.content(), p.spec());
            String where = files.locate(p.path());
            LOG.info("{} {} (from {})", changed ? "wrote" : "unchanged", where, templates.origin(p.template()));
            written.add(new RenderedFile(where, templates.origin(p.template()), changed));
        }
        return new RenderResult(written);
    }
}
