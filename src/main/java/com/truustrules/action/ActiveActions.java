package com.truustrules.action;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** The actions and offers of the active rule set, as the last {@link ActionsLoaded} told them. */
@ApplicationScoped
public class ActiveActions {

    private volatile ActionsLoaded current = ActionsLoaded.NONE;

    /** Kept before any other observer of the same load runs. */
    void onLoaded(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ActionsLoaded loaded) {
        current = loaded;
    }

    public ActionsLoaded current() {
        return current;
    }
}
