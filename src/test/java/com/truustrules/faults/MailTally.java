package com.truustrules.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mails against expectations: every buyer the promo rule fired for is owed exactly one mail.
 *
 * @param duplicated mails beyond the first for one recipient
 * @param sameMessageId of those, copies with the Message-ID of an earlier one (a repeat a receiver can drop)
 * @param missing expected recipients that got nothing
 * @param unexpected mails to someone the rule never fired for
 */
record MailTally(int expected, int received, int duplicated, int sameMessageId, int missing, int unexpected) {

    static MailTally of(Set<String> expectedRecipients, List<MailSink.Mail> mails) {
        Map<String, Set<String>> idsByRecipient = new HashMap<>();
        int duplicated = 0;
        int sameMessageId = 0;
        for (MailSink.Mail mail : mails) {
            Set<String> ids = idsByRecipient.computeIfAbsent(mail.to(), to -> new HashSet<>());
            duplicated += ids.isEmpty() ? 0 : 1;
            sameMessageId += ids.add(String.valueOf(mail.messageId())) ? 0 : 1;
        }
        int missing = (int) expectedRecipients.stream().filter(to -> !idsByRecipient.containsKey(to)).count();
        int unexpected = (int) idsByRecipient.keySet().stream().filter(to -> !expectedRecipients.contains(to)).count();
        return new MailTally(expectedRecipients.size(), mails.size(), duplicated, sameMessageId, missing, unexpected);
    }

    /** Adds the checks of "every mail once" to a verdict. */
    void checkInto(Verdict verdict) {
        verdict.check(missing == 0, missing + " expected mail(s) never arrived")
                .check(duplicated == 0, duplicated + " mail(s) arrived twice (" + sameMessageId + " with the same Message-ID)")
                .check(unexpected == 0, unexpected + " mail(s) to a recipient the rule never fired for");
    }
}
