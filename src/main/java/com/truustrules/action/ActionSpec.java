package com.truustrules.action;

import java.time.Duration;
import java.util.Map;

/** One action of a rule as written: its position, kind, parameters and optional delay. */
public record ActionSpec(int index, ActionKind kind, Map<String, Object> params, Duration after) {

    public String param(String name) {
        Object value = params.get(name);
        return value == null ? null : value.toString();
    }
}
