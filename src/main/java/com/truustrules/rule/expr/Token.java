package com.truustrules.rule.expr;

/** One token of a rule expression; {@code value} is the decoded literal or, when refused, the reason. */
record Token(Kind kind, String text, Object value, int column) {

    enum Kind { IDENT, NUMBER, STRING, OP, REFUSED, END }

    boolean is(String op) {
        return kind == Kind.OP && text.equals(op);
    }
}
