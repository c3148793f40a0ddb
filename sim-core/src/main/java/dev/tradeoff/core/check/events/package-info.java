/**
 * Checkers over what an event-driven system did with its events, rather than over a client history:
 * the state changes its write model committed ({@link dev.tradeoff.core.check.events.Change}), the
 * events its log holds at the end ({@link dev.tradeoff.core.check.events.Published}) and every
 * application of an event's effect by a consumer ({@link dev.tradeoff.core.check.events.Applied}).
 * Patterns record these facts during a run (measurement only) and hand them to the checkers after
 * it; a test author can build them by hand. Each checker judges the facts it was built with and
 * ignores the history it is given:
 *
 * <ul>
 *   <li>{@link dev.tradeoff.core.check.events.LostEvents} ({@code lost-events}): a committed change
 *       no consumer applied;
 *   <li>{@link dev.tradeoff.core.check.events.PhantomEvents} ({@code phantom-events}): an event
 *       logged or applied that no committed change matches;
 *   <li>{@link dev.tradeoff.core.check.events.RepeatedEffects} ({@code duplicate-effects}): an
 *       event applied more than once;
 *   <li>{@link dev.tradeoff.core.check.events.AggregateOrder} ({@code aggregate-order}): an older
 *       event of an aggregate applied after a newer one;
 *   <li>{@link dev.tradeoff.core.check.events.ReadModelConvergence} ({@code
 *       read-model-convergence}): a final read-model row ({@link
 *       dev.tradeoff.core.check.events.ReadRow}) other than the fold of the log;
 *   <li>{@link dev.tradeoff.core.check.events.ReadModelStaleness} ({@code read-model-staleness}):
 *       how long each change took to show in the read model, with t-visibility, failing only
 *       against a bound.
 * </ul>
 *
 * <p>The applications given to one checker are those of one read model; a system with several read
 * models judges each with its own checkers.
 */
package dev.tradeoff.core.check.events;
