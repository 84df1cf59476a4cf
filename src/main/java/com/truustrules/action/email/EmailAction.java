package com.truustrules.action.email;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Recipients;
import com.truustrules.action.Setting;
import com.truustrules.action.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The email action: to, subject and template (templates/NAME.html beside the rules), with cc, bcc and reply-to. */
public final class EmailAction implements ActionType {

    @Override
    public String name() {
        return "email";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("to"), Setting.required("subject"), Setting.required("template"),
                Setting.optional("cc"), Setting.optional("bcc"), Setting.optional("reply-to"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        checkTemplate(settings.get("template").toString(), load.dir());
        Recipients.checkWritten(name(), settings);
    }

    /** The file of a template, as the composer reads it. */
    private static Path templateFile(Path dir, String template) {
        return dir.resolve("templates").resolve(template + ".html");
    }

    private static void checkTemplate(String template, Path dir) throws InvalidSetting {
        if (!template.matches("[A-Za-z0-9_-]+")) {
            throw new InvalidSetting("a template name is letters, digits, '-' and '_', not '" + template + "'");
        }
        Path file = templateFile(dir, template);
        if (!Files.isRegularFile(file)) {
            throw new InvalidSetting("e-mail template '" + template + "' has no file " + dir.relativize(file));
        }
        try {
            List<Templates.Problem> problems = Templates.check(Files.readString(file));
            if (!problems.isEmpty()) {
                throw new InvalidSetting(String.join("; ", problems.stream()
                        .map(p -> dir.relativize(file) + " line " + p.line() + ": " + p.message()).toList()));
            }
        } catch (IOException e) {
            throw new InvalidSetting("cannot read " + dir.relativize(file) + ": " + e.getMessage());
        }
    }
}
