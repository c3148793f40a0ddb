/**
 * Readers that turn histories recorded elsewhere into a {@link dev.tradeoff.core.history.History}:
 * Jepsen's text log, Jepsen/Knossos EDN op maps, and this project's own JSON-lines format (which
 * also has a writer, so histories round-trip). {@link dev.tradeoff.core.history.io.HistoryFormat}
 * is the single entry point.
 *
 * <p>Common contract of every reader: invocations and completions are matched per process (a
 * process has at most one outstanding operation); an invocation with no completion by the end of
 * the input stays pending ({@link dev.tradeoff.core.history.OpStatus#INFO}); a read of {@code
 * nil}/{@code null} is {@link dev.tradeoff.core.history.History#NIL}; a read that returns a list
 * (list-append workloads) keeps the list ({@link dev.tradeoff.core.history.History#resultList}); a
 * read-only multi-key read (Jepsen {@code :txn}, JSON {@code "read-snapshot"}) becomes a snapshot
 * read ({@link dev.tradeoff.core.history.History#snapshot}). Every malformed input throws an {@link
 * IllegalArgumentException} whose message starts with {@code source:line:column: } (both one-based,
 * a tab counts as one column) and says what was expected.
 */
package dev.tradeoff.core.history.io;
