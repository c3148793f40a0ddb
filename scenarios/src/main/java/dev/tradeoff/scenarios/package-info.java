/**
 * Scenarios as files and runs: the strict reader ({@link dev.tradeoff.scenarios.ScenarioReader},
 * errors at {@code file:line:col} with the field path, {@code --set} overrides), expectations on
 * operations, checkers and series ({@link dev.tradeoff.scenarios.Expectation}), the runner that
 * builds, runs and judges a scenario ({@link dev.tradeoff.scenarios.ScenarioRunner}), runs on many
 * seeds ({@link dev.tradeoff.scenarios.SeedRuns}), sweeps, the built-in catalog and its demos.
 */
package dev.tradeoff.scenarios;
