package dev.tradeoff.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --force}, shared by every command that writes an output folder. */
final class ForceArgs {
  @Option(
      names = "--force",
      description =
          "Replace the output folder even if it holds files tradeoff did not write (never the"
              + " working directory, the home directory or the root).")
  boolean force;

  /**
   * Refuses, as bad input, an output folder {@code out} that holds the input file {@code file}:
   * replacing it would delete what is being read. {@code what} names that folder in the message,
   * e.g. {@code one of the shards being merged}.
   */
  static void refuseInput(Path out, Path file, String what) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null && Files.exists(out) && Files.isSameFile(folder, out.toAbsolutePath())) {
      throw new BadInputException("--out " + out + " is " + what + "; choose another folder");
    }
  }
}
