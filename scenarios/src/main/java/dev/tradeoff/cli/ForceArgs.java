package dev.tradeoff.cli;

import picocli.CommandLine.Option;

/** {@code --force}, shared by every command that writes an output folder. */
final class ForceArgs {
  @Option(
      names = "--force",
      description =
          "Replace the output folder even if it holds files tradeoff did not write (never the"
              + " working directory, the home directory or the root).")
  boolean force;
}
