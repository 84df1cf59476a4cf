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
 * @param missing expected recipients that got nothing and whose job is not in doubt
 * @param unexpected mails to someone the rule never fired for
 * @param inDoubtReceived recipients whose job is in doubt (not sent again after a crash) who had the mail
 * @param inDoubtNot recipients whose job is in doubt who did not: a person retries those by hand
 */
record MailTally(int expected, int received, int duplicated, int sameMessageId, int missing, int unexpected,
        int inDoubtReceived, int inDoubtNot) {

    static MailTally of(Ledger ledger, List<MailSink.Mail> mails) {
        Set<String> expectedRecipients = ledger.mailed();
        Map<String, Set<String>> idsByRecipient = new HashMap<>();
        int duplicated = 0;
        int sameMessageId = 0;
        for (MailSink.Mail mail : mails) {
            Set<String> ids = idsByRecipient.computeIfAbsent(mail.to(), to -> new HashSet<>());
            duplicated += ids.isEmpty() ? 0 : 1;
            sameMessageId += ids.add(String.valueOf(mail.messageId())) ? 0 : 1;
        }
        int missing = (int) expectedRecipients.stream()
                .filter(to -> !idsByRecipient.containsKey(to) && !ledger.inDoubt().contains(to)).count();
        int unexpected = (int) idsByRecipient.keySet().stream().filter(to -> !expectedRecipients.contains(to)).count();
        int inDoubtReceived = (int) ledger.inDoubt().stream().filter(idsByRecipient::containsKey).count();
        return new MailTally(expectedRecipients.size(), mails.size(), duplicated, sameMessageId, missing, unexpected,
                inDoubtReceived, ledger.inDoubt().size() - inDoubtReceived);
    }

    /** Adds the checks of "every mail once" to a verdict. */
    void checkInto(Verdict verdict) {
        verdict.count("in-doubt-received/not", inDoubtReceived + "/" + inDoubtNot)
                .check(missing == 0, missing + " expected mail(s) never arrived")
                .check(duplicated == 0, duplicated + " mail(s) arrived twice (" + sameMessageId + " with the same Message-ID)")
                .check(unexpected == 0, unexpected + " mail(s) to a recipient the rule never fired for");
    }
}
