package com.truustrules.action;

import com.truustrules.common.EventFacts;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode.Origin;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Qute templates for subjects, addresses, bodies and messages, rendered against the facts.
 * A plain engine rather than the container's, so that rule validation on the command line checks
 * templates exactly as the service renders them.
 */
public final class Templates {

    /** Names a template may start an expression with: the facts, and results of earlier actions. */
    public static final Set<String> ROOTS = roots();

    private static final Pattern ALIASES = Pattern.compile("\\{#(?:for|each)\\s+(\\w+)\\s+in|\\{#let\\s+(\\w+)\\s*=");
    private static final Variant HTML = new Variant(Locale.ROOT, "text/html", StandardCharsets.UTF_8.name());
    private static final Engine ENGINE = Engine.builder().addDefaults().addValueResolver(ValueResolvers.mapResolver())
            .addResultMapper(new HtmlEscaper(List.of("text/html"))).addResultMapper(new MissingAsEmpty())
            .addResultMapper(new Encoder())
            .strictRendering(false).build();
    private static final Map<String, Template> TEXT = new ConcurrentHashMap<>();
    private static final Map<String, Template> HTML_BODIES = new ConcurrentHashMap<>();
    private static final Map<ValueEncoding, Map<String, Template>> ENCODED = new ConcurrentHashMap<>();

    private Templates() {
    }

    private static Set<String> roots() {
        Set<String> roots = new HashSet<>(EventFacts.NAMES);
        roots.addAll(Set.of("promo", "rule", "firing", "http", "email"));
        return Set.copyOf(roots);
    }

    /** A problem found in a template, with its 1-based line. */
    public record Problem(int line, String message) {
    }

    /** Renders a plain-text template (subject, address, message) against the facts; compiled once per text. */
    public static String render(String source, Map<String, Object> facts) {
        return TEXT.computeIfAbsent(source, ENGINE::parse).instance().data(facts).render();
    }

    /** Renders an HTML template: values are escaped, so an order name cannot inject markup. */
    public static String renderHtml(String source, Map<String, Object> facts) {
        return HTML_BODIES.computeIfAbsent(source, s -> ENGINE.parse(s, HTML)).instance().data(facts).render();
    }

    /** Renders every text inside a mapping or list, keeping its shape (a JSON body, chat blocks); other values as they are. */
    public static Object renderAll(Object value, Map<String, Object> facts) {
        if (value instanceof String text) {
            return render(text, facts);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key), renderAll(item, facts)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(renderAll(item, facts)));
            return out;
        }
        return value;
    }

    /** Renders a text whose values are encoded for where they land (URL part, JSON string, form value); the rule's own text is not. */
    public static String render(String source, Map<String, Object> facts, ValueEncoding encoding) {
        return ENCODED.computeIfAbsent(encoding, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(source, s -> ENGINE.parse(s, new Variant(Locale.ROOT, encoding.contentType(), StandardCharsets.UTF_8.name())))
                .instance().data(facts).render();
    }

    /** Encodes every value (raw or not) of a template parsed for a {@link ValueEncoding}. */
    private static final class Encoder implements ResultMapper {
        @Override
        public int getPriority() {
            return 50;
        }

        @Override
        public boolean appliesTo(Origin origin, Object result) {
            return !Results.isNotFound(result) && origin.getVariant().flatMap(v -> ValueEncoding.byContentType(v.getContentType())).isPresent();
        }

        @Override
        public String map(Object result, Expression expression) {
            ValueEncoding encoding = expression.getOrigin().getVariant().flatMap(v -> ValueEncoding.byContentType(v.getContentType())).orElseThrow();
            return encoding.encode(result instanceof RawString raw ? raw.getValue() : String.valueOf(result));
        }
    }

    /** A value the facts lack renders as nothing, never as Qute's NOT_FOUND marker in a customer's mail. */
    private static final class MissingAsEmpty implements ResultMapper {
        @Override
        public int getPriority() {
            return 100;
        }

        @Override
        public boolean appliesTo(Origin origin, Object result) {
            return Results.isNotFound(result);
        }

        @Override
        public String map(Object result, Expression expression) {
            return "";
        }
    }

    /** Syntax errors and names that no fact provides; empty when the template is fine. */
    public static List<Problem> check(String source) {
        Template template;
        try {
            template = ENGINE.parse(source);
        } catch (TemplateException e) {
            int line = e.getOrigin() == null ? 1 : e.getOrigin().getLine();
            return List.of(new Problem(line, e.getMessage()));
        }
        Set<String> allowed = new HashSet<>(ROOTS);
        Matcher aliases = ALIASES.matcher(source);
        while (aliases.find()) {
            allowed.add(aliases.group(1) != null ? aliases.group(1) : aliases.group(2));
        }
        allowed.add("it");
        List<Problem> problems = new ArrayList<>();
        for (Expression expression : template.getExpressions()) {
            if (!expression.isLiteral() && expression.getNamespace() == null && !expression.getParts().isEmpty()) {
                String root = expression.getParts().get(0).getName();
                if (!allowed.contains(root)) {
                    problems.add(new Problem(expression.getOrigin().getLine(), "unknown name '" + root + "' in {"
                            + expression.toOriginalString() + "} (known: " + String.join(", ", ROOTS.stream().sorted().toList()) + ")"));
                }
            }
        }
        return problems;
    }
}
