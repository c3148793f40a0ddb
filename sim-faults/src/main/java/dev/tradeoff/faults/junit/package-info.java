/**
 * JUnit 5 integration of the property harness: {@link dev.tradeoff.faults.junit.SimulationProperty}
 * makes a test method a property over simulations, called once per case on the finished, typed
 * {@link dev.tradeoff.faults.Run}, with failures shrunk and replayable and a summary published
 * through JUnit's report entries. The module compiles against {@code junit-jupiter-api} without
 * passing it on: a test author's project brings its own JUnit 5.
 */
package dev.tradeoff.faults.junit;
