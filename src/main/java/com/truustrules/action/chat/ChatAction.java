package com.truustrules.action.chat;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Setting;
import com.truustrules.action.Setting.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat action: 'webhook' names a set environment variable holding an http(s) URL (unless
 * 'optional' is true), 'text' and 'blocks' (Slack's list of blocks) are templates.
 */
public final class ChatAction implements ActionType {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("webhook"), Setting.required("text"),
                Setting.optional("blocks", Type.LIST_OR_MAPPING, "a list of Slack blocks (or one block, a mapping)"),
                Setting.optional("optional", Type.BOOLEAN, "true or false"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        boolean optional = Boolean.TRUE.equals(settings.get("optional"));
        Optional<String> problem = ChatWebhooks.problem(settings.get("webhook").toString(), optional);
        if (problem.isPresent()) {
            throw new InvalidSetting("'chat' " + problem.get());
        }
    }
}
