package com.truustrules.rule.expr;

/**
 * The end of one evaluation's {@link Budget}, checked cooperatively: at every helper call, and
 * every {@link #CHARS_PER_CHECK} characters a regular expression reads (through {@link #guard}),
 * since backtracking on one long text is the only way a bounded expression over bounded facts
 * runs long. Rules run on the thread that stores webhooks, so no evaluation may hold it longer.
 *
 * <p>Not thread-safe: one deadline belongs to one evaluation on one thread. MVEL calls helpers
 * statically, so the evaluation in progress is found through a thread-local set by
 * {@link Expression}.
 */
public final class Deadline {

    /** Characters a regular expression reads between two looks at the clock: a few microseconds of work. */
    static final int CHARS_PER_CHECK = 1024;

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
    /** Outside an evaluation (a helper called directly, e.g. by the compiler): no limit. */
    private static final Deadline NONE = new Deadline(null);

    private final Budget budget;
    private final long start;
    private final long limit;
    private int charsLeft = CHARS_PER_CHECK;

    Deadline(Budget budget) {
        this.budget = budget;
        this.start = budget == null ? 0 : budget.nanoTime().getAsLong();
        this.limit = budget == null ? Long.MAX_VALUE : budget.timeout().toNanos();
    }

    /** The deadline of the evaluation running on this thread, or one that never passes. */
    static Deadline current() {
        Deadline current = CURRENT.get();
        return current == null ? NONE : current;
    }

    /** Makes this the current deadline and returns the one it replaces, for {@link #restore}. */
    Deadline enter() {
        Deadline previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    static void restore(Deadline previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** @throws EvaluationTimeoutException when the budget is used up */
    public void check() {
        if (budget != null && budget.nanoTime().getAsLong() - start > limit) {
            throw new EvaluationTimeoutException(budget.timeout());
        }
    }

    /** The text as a regular expression should read it: looking at the clock as it goes. */
    CharSequence guard(String text) {
        return budget == null ? text : new GuardedText(text, this);
    }

    private void charRead() {
        if (--charsLeft <= 0) {
            charsLeft = CHARS_PER_CHECK;
            check();
        }
    }

    /** A text whose reader is stopped by the deadline: java.util.regex reads its input only through charAt. */
    private record GuardedText(String text, Deadline deadline) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            deadline.charRead();
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new GuardedText(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
