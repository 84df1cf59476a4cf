package com.truustrules.rule;

import com.truustrules.action.ActionSpec;
import com.truustrules.common.EventFacts;
import com.truustrules.rule.expr.Expression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the facts Truust's API gives ({@link EventFacts#FROM_TRUUST}: order, buyer, seller) a rule
 * reads: exactly, from its compiled expressions; from its texts and mail templates, any of those names
 * inside a {placeholder} (a template may be more than a path, so this errs towards asking Truust).
 * What {@link RuleProcessing} tells the enrichment, so that a rule reading none of them costs no call.
 */
final class FactNeeds {

    /** From a brace to the next brace (or the end): one placeholder, maybe unclosed. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*");
    private static final Pattern NAME = Pattern.compile("\\b(order|buyer|seller)\\b");

    private FactNeeds() {
    }

    /** What any of these rules reads; {@code templates} is the folder of mail templates. */
    static Set<String> of(List<Rule> rules, Path templates) {
        Set<String> needs = new HashSet<>();
        for (Rule rule : rules) {
            needs.addAll(of(rule, templates));
        }
        return Set.copyOf(needs);
    }

    static Set<String> of(Rule rule, Path templates) {
        Set<String> needs = new HashSet<>();
        of(rule.when(), needs);
        of(rule.oncePer(), needs);
        for (ActionSpec action : rule.actions()) {
            ofText(action.params().values(), needs);
            if (action.param("template") != null) {
                ofText(List.of(read(templates.resolve(action.param("template") + ".html"))), needs);
            }
        }
        return Set.copyOf(needs);
    }

    private static void of(Expression expression, Set<String> needs) {
        if (expression == null) {
            return;
        }
        for (String path : expression.paths()) {
            String root = path.split("[.\\[]", 2)[0];
            if (EventFacts.FROM_TRUUST.contains(root)) {
                needs.add(root);
            }
        }
    }

    private static void ofText(Collection<?> values, Set<String> needs) {
        for (Object value : values) {
            if (value instanceof Map<?, ?> map) {
                ofText(map.values(), needs);
            } else if (value instanceof Collection<?> list) {
                ofText(list, needs);
            } else if (value != null) {
                Matcher placeholder = PLACEHOLDER.matcher(value.toString());
                while (placeholder.find()) {
                    Matcher name = NAME.matcher(placeholder.group());
                    while (name.find()) {
                        needs.add(name.group(1));
                    }
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "{order} {buyer} {seller}"; // unreadable now: assume it reads everything rather than render it empty
        }
    }
}
