package dev.tradeoff.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link PholdScaleBenchmark} in a JVM that starts every object on a cache line of its own ({@code
 * -XX:ObjectAlignmentInBytes=64}). With the default 8-byte alignment most of a node's 48-byte
 * objects (its instance, its random stream) straddle two 64-byte lines, so an event at 65,536 LPs
 * takes a cache miss on a second line of an object whose first line was warmed. The model and its
 * score are {@link PholdScaleBenchmark}'s; run the two in one session to see what the layout alone
 * is worth.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:ObjectAlignmentInBytes=64"})
public class PholdScaleAlignedBenchmark extends PholdScaleBenchmark {}
