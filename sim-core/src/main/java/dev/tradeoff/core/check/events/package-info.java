/**
 * Checkers over what an event-driven system did with its events, rather than over a client history:
 * the state changes its write model committed ({@link dev.tradeoff.core.check.events.Change}), the
 * events its log holds at the end ({@link dev.tradeoff.core.check.events.Published}) and every
 * application of an event's effect by a consumer ({@link dev.tradeoff.core.check.events.Applied}).
 * Patterns record these facts during a run (measurement only) and hand them to the checkers after
 * it; a test author can build them by hand.
 */
package dev.tradeoff.core.check.events;
