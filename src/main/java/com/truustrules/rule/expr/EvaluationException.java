package com.truustrules.rule.expr;

/**
 * A compiled expression failed on particular facts (e.g. comparing text with a number).
 * Unchecked because {@link Expression#evaluate} is called per rule inside the caller's error
 * boundary; {@link Expression#test} turns it into an {@link ExpressionException}.
 */
public class EvaluationException extends RuntimeException {

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
