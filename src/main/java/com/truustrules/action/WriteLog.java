package com.truustrules.action;

import com.truustrules.rule.ActionKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/** The log action: one line in the service log, at info unless the rule says another level. */
@ApplicationScoped
public class WriteLog implements ActionRunner {

    private static final Logger LOG = Logger.getLogger("truust.rules.log");

    @Override
    public ActionKind kind() {
        return ActionKind.LOG;
    }

    @Override
    public ActionOutcome run(ActionContext context) {
        String message = context.text("message");
        String level = context.spec().getOrDefault("level", "info").toString().toUpperCase(Locale.ROOT);
        LOG.logf(Logger.Level.valueOf(level), "[%s] %s", context.ruleId(), message);
        return ActionOutcome.done(Map.of("message", message));
    }
}
