/**
 * Rule expressions: the {@code when} and {@code once-per} of rule files, checked against a small
 * vocabulary and compiled once by MVEL.
 *
 * <h2>Allowed</h2>
 * <ul>
 * <li>Facts named by the caller (event, escrow, payin, payout, payload, offers, now, order) and their
 *     keys: {@code escrow.metadata.buyer_email}, {@code offers['black-friday'].start},
 *     {@code payload.items[0].price}. Brackets hold a quoted key or a whole number only. After a dot
 *     any word is a key, even a keyword ({@code payload.new}); {@code class} and {@code getClass}
 *     are refused everywhere.</li>
 * <li>Literals: 'text' or "text" (escapes \\ \' \" \n \t \r \b \f \\uXXXX), plain decimals
 *     ({@code 12}, {@code 12.50}), true, false, null.</li>
 * <li>Operators {@code == != < <= > >= && || ! + - * / % ( ) ? :}; comparisons do not chain.</li>
 * <li>Helpers (see {@link com.truustrules.rule.expr.Helpers}): within, between, hoursSince, matches,
 *     lower, email, decimal, instant, contains, startsWith, size. No method may be called on a value:
 *     {@code size(x)}, {@code contains(x, y)} and {@code startsWith(x, y)} replace the usual
 *     {@code x.size()}, {@code x.contains(y)}, {@code x.startsWith(y)}.</li>
 * </ul>
 * Everything else is refused with the offending token and its column: {@code new}, class and
 * package names, method calls, assignment ({@code = += ++ --} ...), {@code ;}, blocks, {@code import},
 * {@code def}, {@code function}, loops, {@code with}, {@code isdef}, projections ({@code in}),
 * MVEL's word operators ({@code contains}, {@code instanceof}, {@code soundslike} ...), {@code @},
 * {@code $}, {@code #}, backticks, bit operators, and numbers with suffixes or exponents.
 *
 * <h2>Evaluation</h2>
 * Missing keys and null intermediates read as null. A comparison with null is false (so
 * {@code escrow.nope > 3} is false), {@code == null} is true, and a null operand of
 * {@code && || !} or of a ternary condition counts as false. Values that cannot be compared
 * (text &lt; number) or a non-boolean operand of logic throw {@link
 * com.truustrules.rule.expr.EvaluationException}; {@link com.truustrules.rule.expr.Expression#test}
 * reports it, and any non-boolean result, as an {@link com.truustrules.rule.expr.ExpressionException}
 * with column 0. Arithmetic and equality follow MVEL ({@code 1000 == '1000'} is true; arithmetic
 * on non-numbers gives null; {@code /} gives a Double).
 *
 * <h2>Bounds</h2>
 * Webhook data is hostile and rules run on the thread that stores webhooks. Each evaluation has a
 * {@link com.truustrules.rule.expr.Budget} of CPU time, checked by every helper and, through a
 * {@link com.truustrules.rule.expr.Deadline}-guarded CharSequence, every 1024 characters a regular
 * expression reads; past it, an {@link com.truustrules.rule.expr.EvaluationTimeoutException}. The
 * pattern of {@code matches} must be a literal (compiled at load), and helpers refuse text longer
 * than {@link com.truustrules.rule.expr.Helpers#MAX_TEXT}.
 *
 * <h2>Native image</h2>
 * MVEL only ever compiles text generated here: generated variable names, imported helper functions
 * and operators. No property of a user object is read by MVEL (facts are walked by
 * {@link com.truustrules.rule.expr.Facts} over maps and lists), so the only reflective calls are
 * the helpers ({@code @RegisterForReflection} on Helpers) and MVEL's own instantiation of its
 * reflective optimizer (registered in MvelReflection). The ASM JIT is never used: Expression makes
 * the reflective optimizer MVEL's global default before compiling.
 */
package com.truustrules.rule.expr;
