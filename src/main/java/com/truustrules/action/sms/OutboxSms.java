package com.truustrules.action.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Without a provider, texts become {id}.sms.json files in $TRUUST_DATA_DIR/outbox, beside the mails,
 * for another program to send. As for mails: one file per job (a retry finds it and leaves it), and
 * a file appears only complete (temp file, synced, renamed).
 */
final class OutboxSms implements SmsProvider {

    private final Path dir;
    private final ObjectMapper json;

    OutboxSms(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public ActionOutcome send(SmsMessage message, ActionContext.Sending sending, Instant now) throws IOException {
        Path target = dir.resolve(message.id() + ".sms.json");
        if (!Files.exists(target)) {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".", ".tmp");
            try {
                Files.write(temp, json.writeValueAsBytes(content(message)));
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return message.done(name(), null);
    }

    private static Map<String, Object> content(SmsMessage message) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", message.id());
        content.put("to", message.to());
        content.put("text", message.text());
        content.put("segments", message.segments().segments());
        content.put("encoding", message.segments().encoding());
        return content;
    }
}
