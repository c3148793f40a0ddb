package dev.tradeoff.patterns.cells;

/**
 * A scheduled move of one customer to another cell.
 *
 * @param customer the customer (a key modulo {@code customers})
 * @param to the cell it moves to
 * @param atNanos when the move starts
 */
record Move(int customer, int to, long atNanos) {}
