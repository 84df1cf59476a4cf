package com.truustrules.rule;

/** One problem in the rule files, located so that ops people can fix it: file, line, rule id. */
public record RuleError(String file, int line, String rule, String message) {

    @Override
    public String toString() {
        return file + ":" + line + (rule == null ? "" : " [" + rule + "]") + " " + message;
    }
}
