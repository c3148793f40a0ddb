/** The built-in scenario catalog and the demos it holds. */
package dev.tradeoff.scenarios;
