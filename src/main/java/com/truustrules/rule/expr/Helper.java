package com.truustrules.rule.expr;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The helpers a rule expression may call: name, parameters, result kind and the Java method behind it. */
enum Helper {
    WITHIN("within", true, Param.TIME, Param.TIME, Param.DURATION),
    BETWEEN("between", true, Param.TIME, Param.TIME, Param.TIME),
    HOURS_SINCE("hoursSince", false, Param.TIME),
    MATCHES("matches", true, Param.ANY, Param.REGEX),
    LOWER("lower", false, Param.ANY),
    EMAIL("email", false, Param.ANY),
    DECIMAL("decimal", false, Param.ANY),
    INSTANT("instant", false, Param.TIME),
    CONTAINS("contains", true, Param.ANY, Param.ANY),
    STARTS_WITH("startsWith", true, Param.ANY, Param.ANY),
    SIZE("size", false, Param.ANY),
    COALESCE("coalesce", false, Param.ANY, Param.ANY);

    /** What a literal argument must be; checked (and converted) once, at compile time. */
    enum Param { ANY, TIME, DURATION, REGEX }

    /** MVEL-side names carry a prefix so no helper can collide with an MVEL keyword such as `contains`. */
    static final String MVEL_PREFIX = "fn_";
    /** The fact that {@code hoursSince} measures to, appended as its hidden last argument. */
    static final String NOW = "now";

    private final String label;
    private final boolean returnsBoolean;
    private final List<Param> params;

    Helper(String label, boolean returnsBoolean, Param... params) {
        this.label = label;
        this.returnsBoolean = returnsBoolean;
        this.params = List.of(params);
    }

    static Optional<Helper> named(String name) {
        return Arrays.stream(values()).filter(helper -> helper.label.equals(name)).findFirst();
    }

    String label() {
        return label;
    }

    boolean returnsBoolean() {
        return returnsBoolean;
    }

    List<Param> params() {
        return params;
    }

    /** Whether the compiler appends the {@code now} fact (see {@link Helpers#hoursSince}). */
    boolean takesNow() {
        return this == HOURS_SINCE;
    }

    String mvelName() {
        return MVEL_PREFIX + label;
    }

    Method method() {
        return lookup(label, params.size() + (takesNow() ? 1 : 0));
    }

    static Method lookup(String name, int arity) {
        Class<?>[] types = new Class<?>[arity];
        Arrays.fill(types, Object.class);
        try {
            return Helpers.class.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Helpers." + name + " with " + arity + " Object parameters is missing", e);
        }
    }
}
