package com.truustrules.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mails against expectations: every stored event's buyer is owed exactly one mail.
 *
 * @param duplicated mails beyond the first for one recipient
 * @param missing expected recipients that got nothing
 * @param unexpected mails to someone no stored event names
 */
record MailTally(int expected, int received, int duplicated, int missing, int unexpected) {

    static MailTally of(Set<String> expectedRecipients, List<MailSink.Mail> mails) {
        Map<String, Integer> perRecipient = new HashMap<>();
        mails.forEach(mail -> perRecipient.merge(mail.to(), 1, Integer::sum));
        int duplicated = perRecipient.values().stream().mapToInt(n -> n - 1).sum();
        int missing = (int) expectedRecipients.stream().filter(to -> !perRecipient.containsKey(to)).count();
        int unexpected = (int) perRecipient.keySet().stream().filter(to -> !expectedRecipients.contains(to)).count();
        return new MailTally(expectedRecipients.size(), mails.size(), duplicated, missing, unexpected);
    }

    boolean exactlyOnce() {
        return duplicated == 0 && missing == 0 && unexpected == 0;
    }

    /** Adds the checks of "every mail once" to a verdict. */
    void checkInto(Verdict verdict) {
        verdict.check(missing == 0, missing + " expected mail(s) never arrived")
                .check(duplicated == 0, duplicated + " mail(s) arrived twice")
                .check(unexpected == 0, unexpected + " mail(s) to a recipient of no stored event");
    }
}
