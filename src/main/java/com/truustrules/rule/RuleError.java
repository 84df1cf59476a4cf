package com.truustrules.rule;

/**
 * One problem in the rule files, located so that ops people can fix it: file, line, column (1-based;
 * 0 when only the line or nothing is known) and rule id.
 */
public record RuleError(String file, int line, int column, String rule, String message) {

    public RuleError(String file, int line, String rule, String message) {
        this(file, line, 0, rule, message);
    }

    /** file:line:column [rule] message, the form editors and CI logs link to. */
    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + (rule == null ? "" : " [" + rule + "]") + " " + message;
    }
}
