package com.truustrules.console;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the console's Qute pages from templates/console/ on the class path. Every value is
 * HTML-escaped (the variant is text/html), so whatever a webhook put in a field is shown as text;
 * rendering is strict, so a template that names a missing value fails in the tests, not in front of ops.
 */
public final class Pages {

    private static final Variant HTML = new Variant(Locale.ROOT, "text/html", StandardCharsets.UTF_8.name());
    private static final Engine ENGINE = Engine.builder().addDefaults().addValueResolver(ValueResolvers.mapResolver())
            .addValueResolver(new ReflectionValueResolver()).addResultMapper(new HtmlEscaper(List.of("text/html")))
            .addLocator(Pages::locate).strictRendering(true).build();

    private Pages() {
    }

    /** The page {@code name} (templates/console/name.html) rendered with the given data. */
    public static String render(String name, Map<String, Object> data) {
        return ENGINE.getTemplate(name).instance().data(data).render();
    }

    private static Optional<TemplateLocation> locate(String id) {
        if (!id.matches("[a-z-]+")) {
            return Optional.empty();
        }
        String text = read("templates/console/" + id + ".html");
        return text == null ? Optional.empty() : Optional.of(new Location(text));
    }

    private static String read(String resource) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template's text, always HTML. */
    private record Location(String text) implements TemplateLocation {

        @Override
        public Reader read() {
            return new StringReader(text);
        }

        @Override
        public Optional<Variant> getVariant() {
            return Optional.of(HTML);
        }
    }
}
