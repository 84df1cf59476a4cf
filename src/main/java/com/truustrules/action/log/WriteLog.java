package com.truustrules.action.log;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The log action: one line in the service log, at info unless the rule says another level. Control
 * characters (CR, LF, ...) and Unicode line separators are escaped, so that event data cannot
 * forge log lines.
 */
@ApplicationScoped
public class WriteLog implements ActionRunner {

    private static final Logger LOG = Logger.getLogger("truust.rules.log");

    @Override
    public ActionKind kind() {
        return ActionKind.LOG;
    }

    @Override
    public ActionOutcome run(ActionContext context) {
        String message = oneLine(context.text("message"));
        // The level was checked when the rules loaded (LogAction).
        LOG.logf(LogAction.level(context.spec().get("level")), "[%s] %s", context.ruleId(), message);
        return ActionOutcome.done(Map.of("message", message));
    }

    /** Each control character as \r, \n, \t or \\uXXXX, and the backslash doubled, so the escaping itself cannot be forged. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                        ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return out.toString();
    }
}
