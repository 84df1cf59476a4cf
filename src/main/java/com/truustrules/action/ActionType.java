package com.truustrules.action;

import java.util.List;
import java.util.Map;

/**
 * One kind of action as the rule loader sees it: its name, the settings it takes and what each
 * value must be. Each kind's package holds its type beside its runner, and {@link ActionKind} lists
 * the types, so that a new kind is one folder plus one line there. The loader checks the keys, the
 * required settings, each value's {@link Setting.Type} and the {placeholders} of every text itself,
 * then asks the type for the rest: every setting is checked when the rules load, so that a runner
 * only reads values already known to be good.
 */
public interface ActionType {

    /** The key written in a rule: log, email, http... */
    String name();

    /** Every setting the kind takes, required ones first. */
    List<Setting> settings();

    /**
     * What the schema alone cannot tell: a duration, a level, a file beside the rules, an environment
     * variable. Called only when every required setting is there and every value has its type.
     *
     * @throws InvalidSetting the first problem, in words a rule author can act on
     */
    void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting;
}
