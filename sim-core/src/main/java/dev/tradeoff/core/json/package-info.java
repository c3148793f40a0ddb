/**
 * A strict JSON parser and writer whose values remember their line and column, built on dsl-json's
 * reader and writer ({@link dev.tradeoff.core.json.JsonTokens} is the reader's strict, positioned
 * face, shared with the history formats).
 */
package dev.tradeoff.core.json;
