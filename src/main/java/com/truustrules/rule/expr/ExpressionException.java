package com.truustrules.rule.expr;

/** A rule expression that is refused at compile time or cannot give a true/false answer. */
public class ExpressionException extends Exception {

    private final String reason;
    private final int column;

    /** @param column 1-based position in the expression text, or 0 when no position applies. */
    public ExpressionException(String reason, int column) {
        this(reason, column, null);
    }

    public ExpressionException(String reason, int column, Throwable cause) {
        super(column > 0 ? reason + " (column " + column + ")" : reason, cause);
        this.reason = reason;
        this.column = column;
    }

    /** 1-based position of the offending token in the expression text; 0 for evaluation errors. */
    public int column() {
        return column;
    }

    /** The message without the column suffix, for callers that format positions themselves. */
    public String reason() {
        return reason;
    }
}
