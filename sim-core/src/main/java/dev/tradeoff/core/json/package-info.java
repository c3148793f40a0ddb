/** A strict JSON parser and writer whose values remember their line and column. */
package dev.tradeoff.core.json;
