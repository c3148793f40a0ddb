/** Operation histories: invocations and completions in true time, as checkers read them. */
package dev.tradeoff.core.history;
