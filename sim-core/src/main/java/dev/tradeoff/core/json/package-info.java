/**
 * A strict JSON parser and writer whose values remember their line and column, built on dsl-json's
 * reader and writer ({@link dev.tradeoff.core.json.JsonTokens} is the reader's strict, positioned
 * face; {@link dev.tradeoff.core.json.JsonLineTokens} the same over a whole JSON-lines text, one
 * reader walking it line after line, for the history formats).
 */
package dev.tradeoff.core.json;
