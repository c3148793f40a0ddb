/** The registry of patterns a scenario can name: one entry per pattern family's spec. */
package dev.tradeoff.patterns.catalog;
