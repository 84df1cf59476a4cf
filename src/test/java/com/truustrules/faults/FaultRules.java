package com.truustrules.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rule folders of the fault scenarios. Every paid order fires a log rule; when this build has
 * the e-mail action, it also fires the promo rule (a code from a pool, when the promo-code action
 * exists too, and an e-mail to the buyer), so that each stored event owes its buyer one mail.
 */
final class FaultRules {

    static final String LOG_RULE = "fault-log";
    static final String MAIL_RULE = "fault-promo";
    /** What the log rule writes for each firing, followed by the order id. */
    static final String LOG_MARK = "fault fired for ";
    private static final int POOL_SIZE = 10_000;

    private FaultRules() {
    }

    /**
     * Whether the packaged builds can send e-mail. They are built from this same tree by run.sh, so the
     * test classpath tells: the e-mail action is the class SendEmail.
     */
    static boolean mailRunner() {
        return present("com.truustrules.action.email.SendEmail");
    }

    static boolean promoRunner() {
        return present("com.truustrules.action.promo.TakePromoCode");
    }

    /** Writes the log rule, and the promo rule when e-mail can be sent; returns the folder. */
    static Path write(Path dir, boolean withMail) {
        write(dir.resolve(LOG_RULE + ".yaml"), logRule(LOG_RULE, LOG_MARK));
        if (withMail) {
            writeMailRule(dir);
        }
        return dir;
    }

    /** The number of actions each rule queues per firing. */
    static Map<String, Integer> actionsPerRule(boolean withMail) {
        Map<String, Integer> actions = new LinkedHashMap<>(Map.of(LOG_RULE, 1));
        if (withMail) {
            actions.put(MAIL_RULE, promoRunner() ? 2 : 1);
        }
        return actions;
    }

    /** A rule that fires on every paid order and logs the mark and the order id. */
    static String logRule(String id, String mark) {
        return """
                id: %s
                description: Logs every paid order, one line per firing
                on: [order.published]
                actions:
                  - log: { message: "%s{escrow.id}" }
                """.formatted(id, mark);
    }

    private static void writeMailRule(Path dir) {
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        write(dir.resolve("offers.yaml"), "offers:\n  fault-window:\n    start: " + start + "\n    end: "
                + start.plus(2, ChronoUnit.DAYS) + "\n");
        boolean promo = promoRunner();
        write(dir.resolve("templates/fault-thanks.html"), "<p>Thank you for order {escrow.id}.</p>\n"
                + (promo ? "<p>Your code: <strong>{promo.code}</strong></p>\n" : ""));
        if (promo) {
            write(dir.resolve("pools/FAULTS.txt"), IntStream.range(0, POOL_SIZE)
                    .mapToObj(i -> String.format("FAULT-%06d", i)).collect(Collectors.joining("\n", "", "\n")));
        }
        write(dir.resolve(MAIL_RULE + ".yaml"), """
                id: %s
                description: A promo mail for buyers who pay within a day of the offer start (the sample promo's shape)
                on: [order.published]
                when: within(event.receivedAt, offers['fault-window'].start, 'P1D') && escrow.metadata.buyer_email != null
                once-per: lower(escrow.metadata.buyer_email)
                actions:
                %s  - email:
                      to: "{escrow.metadata.buyer_email}"
                      subject: "Order {escrow.id}: %s"
                      template: fault-thanks
                """.formatted(MAIL_RULE, promo ? "  - promo-code: { pool: FAULTS }\n" : "",
                promo ? "your code {promo.code}" : "thank you"));
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, text);
            // A rename, so that the poller never reads a half-written file by accident.
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, FaultRules.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
