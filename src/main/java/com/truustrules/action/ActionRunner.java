package com.truustrules.action;


/**
 * Does one kind of action. Implementations are CDI beans named as verb phrases (SendEmail,
 * TakePromoCode, CallHttp...). A runner may be called again for the same idempotency key after a
 * crash or a retry, so it must make a repeat harmless: same code, same Message-ID, same request id;
 * where a repeat would still reach a person, it calls {@link ActionContext#sending()} first.
 */
public interface ActionRunner {

    ActionKind kind();

    /** Runs the action; an exception counts as a retryable failure. */
    ActionOutcome run(ActionContext context) throws Exception;
}
