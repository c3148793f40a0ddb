/**
 * Consistency checkers over operation histories: each returns a {@link
 * dev.tradeoff.core.check.CheckResult} that is valid, invalid with a witness a person can read, or
 * unknown when its budget ran out — never a hang. Some measure rather than judge: {@link
 * dev.tradeoff.core.check.BlastRadius} says how far an incident reached, told its window through
 * {@link dev.tradeoff.core.check.Incident}.
 */
package dev.tradeoff.core.check;
