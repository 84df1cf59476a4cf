package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import org.junit.jupiter.api.Test;

/** The rule expression defects the fuzz properties found, one plain test each, named after the defect. */
class ExpressionFindingsTest {

    private static final String CHAIN_REFUSAL = "the expression is too complex: over 64 operations inside one another"
            + " (each operator of a chain such as a || b || c counts one); split it into several rules";

    @Test
    void aLongOperatorChainTookMinutesToCompile() {
        ExpressionException refused = assertThrows(ExpressionException.class,
                () -> Expression.compile("0" + "==0".repeat(1300), InjectionCorpus.ROOTS));
        assertEquals(CHAIN_REFUSAL, refused.reason());
        assertEquals(1, refused.column());
    }

    @Test
    void anOperatorChainIsAllowedUpToTheNestingLimit() throws ExpressionException {
        assertTrue(Expression.compile("true" + " || true".repeat(64), InjectionCorpus.ROOTS).isBoolean());
        ExpressionException refused = assertThrows(ExpressionException.class,
                () -> Expression.compile("true" + " || true".repeat(65), InjectionCorpus.ROOTS));
        assertEquals(CHAIN_REFUSAL, refused.reason());
    }
}
