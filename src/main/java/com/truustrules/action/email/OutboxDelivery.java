package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import jakarta.mail.MessagingException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * Without an SMTP server, mails become .eml files in $TRUUST_DATA_DIR/outbox for another program to
 * send. One file per idempotency key: a retry finds the file and leaves it, and a file only appears
 * complete (written to a hidden temp file, synced, then renamed), so a reader never sees half a mail.
 */
final class OutboxDelivery implements Delivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

    private final Path dir;

    OutboxDelivery(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public void deliver(KeyedMessage message, ActionContext.Sending sending) throws MessagingException, IOException {
        Path target = dir.resolve(message.fileName());
        if (Files.exists(target)) {
            LOG.debugf("outbox already holds %s; not written again", target.getFileName());
            return;
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".", ".tmp");
        try {
            write(message, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void write(KeyedMessage message, Path file) throws MessagingException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
            message.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }

    /** Makes the rename itself survive a power cut; some file systems cannot sync a folder, which is no error. */
    private void syncDirectory() {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            LOG.debugf("outbox folder not synced: %s", e.getMessage());
        }
    }
}
