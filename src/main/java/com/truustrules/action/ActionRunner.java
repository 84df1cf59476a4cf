package com.truustrules.action;

import com.truustrules.rule.ActionKind;

/**
 * Does one kind of action. Implementations are CDI beans named as verb phrases (SendEmail,
 * TakePromoCode, CallHttp...). A runner may be called again for the same idempotency key after a
 * crash or a retry, so it must make a repeat harmless: same code, same Message-ID, same request id.
 */
public interface ActionRunner {

    ActionKind kind();

    /** Runs the action; an exception counts as a retryable failure. */
    ActionOutcome run(ActionContext context) throws Exception;

    /**
     * True when a repeat would reach a person (an e-mail over SMTP): the dispatcher then writes down
     * that the attempt begins before it runs, and a job found so marked after a crash is not run
     * again but left DEAD "in doubt" for a person to check. False: a repeat is made harmless.
     */
    default boolean inDoubtAfterCrash() {
        return false;
    }
}
