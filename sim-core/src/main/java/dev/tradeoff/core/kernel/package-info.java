/**
 * The deterministic kernel: {@link dev.tradeoff.core.kernel.Simulation} (virtual time, events,
 * fault verbs), the {@link dev.tradeoff.core.kernel.Network}, local clocks, disks and the CPU
 * model. The event queue, its heap, the per-node runtime and the timer table are package-private: a
 * node reaches the kernel only through {@link dev.tradeoff.core.Context}.
 */
package dev.tradeoff.core.kernel;
