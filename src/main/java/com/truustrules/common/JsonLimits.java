package com.truustrules.common;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a JSON body from outside may hold, beyond its byte size: numbers a person could mean and
 * nesting a payload could need. {@code 1e999999999} is eleven characters, yet written out (as a
 * rule's {@code contains(escrow.amount, '.')} did) or added to it is a gigabyte of digits.
 */
public final class JsonLimits {

    /** Characters of one number as written (Jackson's number-length limit); an amount has a dozen. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Largest power of ten a number may carry either way: past every double (1e308, 4.9e-324), far from gigabytes. */
    public static final int MAX_EXPONENT = 1000;
    /** Objects and arrays inside one another; Truust payloads have a handful. */
    public static final int MAX_DEPTH = 64;

    private JsonLimits() {
    }

    /** The parser limits for bodies from outside: longer numbers and deeper nesting fail while parsing. */
    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).maxNestingDepth(MAX_DEPTH).build();
    }

    /**
     * True for a number that can be written out and computed with cheaply: at most
     * {@link #MAX_NUMBER_LENGTH} significant digits and an exponent within ±{@link #MAX_EXPONENT}.
     */
    public static boolean inRange(Number number) {
        if (number instanceof BigDecimal d) {
            return d.precision() <= MAX_NUMBER_LENGTH && Math.abs((long) d.scale()) <= MAX_EXPONENT;
        }
        if (number instanceof BigInteger i) {
            // 333 bits hold 100 decimal digits.
            return i.bitLength() <= MAX_NUMBER_LENGTH * 10 / 3 + 1;
        }
        if (number instanceof Double || number instanceof Float) {
            return Double.isFinite(number.doubleValue());
        }
        return true;
    }
}
