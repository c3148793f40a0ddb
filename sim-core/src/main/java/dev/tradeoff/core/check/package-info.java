/**
 * Consistency checkers over operation histories: each returns a {@link
 * dev.tradeoff.core.check.CheckResult} that is valid, invalid with a witness a person can read, or
 * unknown when its budget ran out — never a hang.
 */
package dev.tradeoff.core.check;
