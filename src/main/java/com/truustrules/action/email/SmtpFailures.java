package com.truustrules.action.email;

import com.truustrules.action.ActionOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.function.IntPredicate;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sorts SMTP failures into final and retryable ones. A 5xx answer about this mail (a recipient
 * refused, the message rejected) will not change by trying again, so the job fails; everything else
 * (no connection, timeouts, 4xx, a lost answer) is retried, and a retry carries the same Message-ID.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static ActionOutcome outcome(MessagingException failure) {
        int code = permanentCode(failure);
        if (code > 0) {
            return ActionOutcome.failed("SMTP server refused the mail (" + code + "): " + describe(failure));
        }
        if (failure instanceof AuthenticationFailedException) {
            // A login problem is the service's configuration, not this mail's: keep the mail until it is fixed.
            return ActionOutcome.retry("SMTP login failed: " + describe(failure));
        }
        return ActionOutcome.retry("SMTP: " + describe(failure));
    }

    /** The first 5xx code the server gave about this mail, or 0. */
    private static int permanentCode(MessagingException failure) {
        return firstCode(failure, code -> code >= 500 && code < 600);
    }

    /** Whether the server answered at all (any reply code), as opposed to a connection that broke. */
    static boolean answered(MessagingException failure) {
        return firstCode(failure, code -> code > 0) > 0;
    }

    private static int firstCode(MessagingException failure, IntPredicate wanted) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            int code = code(e);
            if (wanted.test(code)) {
                return code;
            }
        }
        return 0;
    }

    private static int code(Exception e) {
        if (e instanceof SMTPAddressFailedException refused) {
            return refused.getReturnCode();
        }
        return e instanceof SMTPSendFailedException rejected ? rejected.getReturnCode() : 0;
    }

    /** The messages of the whole chain: the top one alone often says only "Invalid Addresses". */
    static String describe(MessagingException failure) {
        StringBuilder text = new StringBuilder();
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : "; ").append(message);
            }
        }
        return text.toString();
    }
}
