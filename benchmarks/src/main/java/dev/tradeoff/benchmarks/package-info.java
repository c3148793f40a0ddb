/**
 * JMH benchmarks of the kernel, each beside the same model on a peer simulator so that every figure
 * is a ratio measured in one run. Build with {@code mvn -pl benchmarks -am package -DskipTests},
 * run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.tradeoff.benchmarks;
