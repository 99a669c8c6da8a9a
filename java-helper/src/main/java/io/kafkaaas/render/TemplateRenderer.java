package io.kafkaaas.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders the templates with one FreeMarker Configuration, built once and strict: an undefined variable is
 * an error (RETHROW_HANDLER), output is plain text, numbers are written for computers (1000, not 1,000).
 * A template is looked up per name in the given directories in order, then in the copy bundled in the jar,
 * so an operator can override one template without copying the others.
 */
public final class TemplateRenderer {
    /** Where the jar keeps the top-level templates/ folder. */
    public static final String BUNDLED = "templates";
    private final Configuration configuration;
    private final List<Path> directories;

    /** @param directories searched in order before the bundled templates; each must exist */
    public TemplateRenderer(List<Path> directories) {
        this.directories = List.copyOf(directories);
        List<TemplateLoader> loaders = new ArrayList<>();
        for (Path dir : this.directories) {
            try {
                loaders.add(new FileTemplateLoader(dir.toFile()));
            } catch (IOException e) {
                throw new UsageException("template directory " + dir + " cannot be read: " + e.getMessage());
            }
        }
        loaders.add(new ClassTemplateLoader(TemplateRenderer.class.getClassLoader(), BUNDLED));
        configuration = configure(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    }

    private static Configuration configure(TemplateLoader loader) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(loader);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setRecognizeStandardFileExtensions(false);
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
        cfg.setOutputEncoding(StandardCharsets.UTF_8.name());
        cfg.setLocalizedLookup(false);
        // Templates may come from a directory on the host: they get no way to instantiate classes or reach the API.
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        return cfg;
    }

    /** Loads and parses one template without rendering it; a missing or broken template is a usage error. */
    public void check(String templateName) {
        template(templateName);
    }

    /** Renders one template; any template problem is a one-line usage error naming template, line and cause. */
    public String render(String templateName, Map<String, ?> model) {
        Template template = template(templateName);
        StringWriter out = new StringWriter();
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            String where = "template " + origin(e.getTemplateSourceName() == null ? templateName : e.getTemplateSourceName())
                    + (e.getLineNumber() == null ? "" : " line " + e.getLineNumber());
            if (e instanceof freemarker.core.InvalidReferenceException && e.getBlamedExpressionString() != null) {
                throw new UsageException(where + ": variable '" + e.getBlamedExpressionString()
                        + "' is undefined; kafka-aas provides no such value, fix the template");
            }
            throw new UsageException(where + ": " + firstLine(e.getMessageWithoutStackTop()));
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "rendering " + templateName + " failed: " + e.getMessage());
        }
        return out.toString();
    }

    private Template template(String templateName) {
        try {
            return configuration.getTemplate(templateName);
        } catch (TemplateNotFoundException e) {
            throw new UsageException("template " + templateName + " was found in none of " + searchPath()
                    + "; restore it or fix --template-dir");
        } catch (ParseException e) {
            throw new UsageException("template " + origin(templateName) + " line " + e.getLineNumber()
                    + " does not parse: " + firstLine(e.getEditorMessage()));
        } catch (IOException e) {
            throw new UsageException("template " + origin(templateName) + " cannot be read: " + e.getMessage());
        }
    }

    /** Where a template name resolves: the first directory that has it, else the bundled copy. */
    public String origin(String templateName) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(templateName);
            if (Files.isRegularFile(candidate)) {
                return candidate.toString();
            }
        }
        return templateName + " (bundled)";
    }

    private String searchPath() {
        List<String> places = new ArrayList<>();
        directories.forEach(d -> places.add(d.toString()));
        places.add("the jar's " + BUNDLED + "/");
        return String.join(", ", places);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse("unknown error");
        return line.replaceAll("\\s+", " ");
    }
}
