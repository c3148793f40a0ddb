/** The {@code tradeoff} command line (picocli): verbs, exit codes and error reporting. */
package dev.tradeoff.cli;
