package com.truustrules.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.RuleListener;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;

/**
 * The corpus as Easy Rules 4.1 MVELRules: all 1,000 in one Rules set (Easy Rules has no index by
 * event type, so each condition starts with its type check), times as epoch milliseconds.
 */
final class EasyRulesSide {

    private EasyRulesSide() {
    }

    static Rules rules() {
        Rules rules = new Rules();
        for (RuleCorpus.Spec spec : RuleCorpus.rules()) {
            rules.register(new MVELRule().name(spec.id()).priority(spec.priority()).when(spec.easyWhen()));
        }
        return rules;
    }

    /** The same values as our facts, read from the same body with the same JSON settings. */
    static Facts facts() {
        Map<String, Object> payload = parse(RuleCorpus.BODY);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", RuleCorpus.EVENT_ID);
        event.put("type", RuleCorpus.EVENT_TYPE);
        event.put("receivedAt", RuleCorpus.RECEIVED_AT.toEpochMilli());
        Map<String, Object> offers = new LinkedHashMap<>();
        RuleCorpus.offerStarts().forEach((name, start) -> offers.put(name, Map.of("name", name, "start",
                start.toEpochMilli())));
        Facts facts = new Facts();
        facts.put("event", event);
        facts.put("payload", payload);
        facts.put("escrow", payload.get("escrow"));
        facts.put("payin", payload.get("payin"));
        facts.put("offers", offers);
        facts.put("now", RuleCorpus.NOW.toEpochMilli());
        return facts;
    }

    /** Fails the run unless Easy Rules gives exactly the expected matches, with no error. */
    static void check(Rules rules, Facts facts) {
        Set<String> matched = new TreeSet<>();
        AtomicInteger evaluated = new AtomicInteger();
        DefaultRulesEngine engine = new DefaultRulesEngine();
        engine.registerRuleListener(new RuleListener() {
            @Override
            public void afterEvaluate(Rule rule, Facts f, boolean result) {
                evaluated.incrementAndGet();
                if (result) {
                    matched.add(rule.getName());
                }
            }

            @Override
            public void onEvaluationError(Rule rule, Facts f, Exception error) {
                throw new IllegalStateException(rule.getName() + ": " + error, error);
            }
        });
        engine.fire(rules, facts);
        Checks.same("Easy Rules", RuleCorpus.TYPES.size() * RuleCorpus.RULES_PER_TYPE, evaluated.get(), matched);
    }

    private static Map<String, Object> parse(String body) {
        try {
            return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                    .readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {
                    });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
