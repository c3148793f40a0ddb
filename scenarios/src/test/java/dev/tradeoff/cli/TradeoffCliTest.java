package dev.tradeoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.queueing.ErlangC;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The {@code tradeoff} command line, driven in-process through {@link TradeoffCli#execute}: the
 * summary of a run, its determinism and replay line, the catalog, help and version, and one-line
 * errors with exit code 64 for bad input. Runs are a few simulated seconds long.
 */
class TradeoffCliTest {
  private static final Pattern TRACE_HASH = Pattern.compile("trace hash ([0-9a-f]{16})");
  private static final Pattern REPLAY = Pattern.compile("(?m)^replay\\s+\\./tradeoff (.+)$");

  /** What one invocation printed and returned. */
  record Outcome(int code, String out, String err) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }

    String describe() {
      return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = TradeoffCli.execute(args, o, e);
    }
    return new Outcome(code, out.toString(), err.toString());
  }

  @TempDir Path tmp;

  /** {@code run mm1 …} with its report folder under the test's temporary folder. */
  private Outcome runMm1(String duration, long seed) {
    return cli(
        "run",
        "mm1",
        "--duration",
        duration,
        "--seed",
        Long.toString(seed),
        "--out",
        tmp.resolve("mm1-" + seed).toString());
  }

  @Test
  void checkDeterminismRunsTwiceAndReportsTheTraceHash() {
    Outcome check = cli("run", "mm1", "--duration", "2s", "--seed", "9", "--check-determinism");
    assertEquals(0, check.code(), "seed 9: " + check.describe());
    assertTrue(check.out().startsWith("deterministic: seed 9"), "seed 9: " + check.out());
    assertTrue(TRACE_HASH.matcher(check.out()).find(), "seed 9: " + check.out());
  }

  @Test
  void runPrintsTheSummaryAndTheReplayCommand() {
    Outcome run = runMm1("5s", 3);
    assertTrue(run.code() == 0 || run.code() == 1, "seed 3: " + run.describe());
    for (String expected :
        List.of("VERDICT", "cpu.utilisation/server", "p99", "./tradeoff run mm1", "--seed 3")) {
      assertTrue(run.out().contains(expected), "seed 3: no \"" + expected + "\" in\n" + run.out());
    }
    assertEquals("", run.err(), "seed 3: nothing on err");
  }

  @Test
  void sameSeedSameSummaryByteForByteAndAnotherSeedAnother() {
    Outcome first = runMm1("5s", 3);
    Outcome second = runMm1("5s", 3);
    Outcome other = runMm1("5s", 4);
    assertEquals(first.out(), second.out(), "seed 3: two runs print different summaries");
    assertNotEquals(
        first.out().replace("seed 3", "seed 4").replace("mm1-3", "mm1-4"),
        other.out(),
        "seeds 3 and 4 print the same figures");
  }

  /**
   * The replay line replays the run: executed as printed (with the same --out), it prints the same
   * summary. Checked for durations that are not whole seconds too.
   */
  @ParameterizedTest(name = "{0} --duration {1} --seed {2}")
  @CsvSource({"mm1, 3s, 5", "mm1, 2500ms, 5", "mmc, 1.5s, 6"})
  void theReplayCommandReplaysTheRun(String name, String duration, long seed) {
    String out = tmp.resolve(name + "-replay").toString();
    Outcome run =
        cli("run", name, "--duration", duration, "--seed", Long.toString(seed), "--out", out);
    Matcher replay = REPLAY.matcher(run.out());
    assertTrue(replay.find(), "seed " + seed + ": no replay line in\n" + run.out());
    List<String> command = new ArrayList<>(List.of(replay.group(1).trim().split("\\s+")));
    command.addAll(List.of("--out", out));
    Outcome again = cli(command.toArray(String[]::new));
    assertEquals(run.code(), again.code(), "seed " + seed + ": " + again.describe());
    assertEquals(
        run.out(),
        again.out(),
        "seed " + seed + ": the replay command " + command + " runs something else");
  }

  /**
   * {@code mmc} is an ordinary catalog scenario whose expectations bracket Erlang C's figures: the
   * utilisation bounds hold ρ = 0.9 and the mean-read bounds hold Erlang C's mean response plus the
   * 2 ms round trip; show-config and --set work on it like on any other name.
   */
  @Test
  void mmcIsACatalogScenarioBracketingErlangC() {
    ErlangC theory = new ErlangC(3_600, 1_000, 4);
    assertEquals(0.9, theory.utilisation(), 1e-9);
    double meanMs = theory.meanResponseSeconds() * 1e3 + 2;
    String text = dev.tradeoff.scenarios.ScenarioCatalog.text("mmc").orElseThrow();
    Matcher lo = Pattern.compile("mean\\(read\\) > ([0-9.]+)ms").matcher(text);
    Matcher hi = Pattern.compile("mean\\(read\\) < ([0-9.]+)ms").matcher(text);
    assertTrue(lo.find() && hi.find(), text);
    assertTrue(
        Double.parseDouble(lo.group(1)) < meanMs && meanMs < Double.parseDouble(hi.group(1)),
        "Erlang C's " + meanMs + " ms lies within the expectations");
    assertTrue(text.contains("cpu.utilisation/server during 0s..20s) >= 87%"), text);
    assertTrue(text.contains("cpu.utilisation/server during 0s..20s) <= 93%"), text);
    Outcome config = cli("show-config", "mmc", "--set", "system.workers=5");
    assertEquals(0, config.code(), config.describe());
    assertTrue(config.out().contains("\"workers\": 5"), config.out());
  }

  @Test
  void listShowsEveryScenarioWithItsDescription() {
    Outcome list = cli("list");
    assertEquals(0, list.code(), list.describe());
    for (String name : List.of("mm1", "mmc", "guide/read-replicas-and-cache")) {
      String description =
          dev.tradeoff.scenarios.ScenarioReader.read(
                  name, dev.tradeoff.scenarios.ScenarioCatalog.text(name).orElseThrow(), List.of())
              .description();
      Pattern line =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+" + Pattern.quote(description));
      assertTrue(
          line.matcher(list.out()).find(),
          "no line for " + name + " with its description in\n" + list.out());
    }
  }

  @Test
  void unknownScenarioIsOneLineNamingTheKnownOnes() {
    Outcome run = cli("run", "nope");
    assertEquals(TradeoffCli.EXIT_BAD_INPUT, run.code(), run.describe());
    assertEquals(1, run.errLines().size(), "exactly one line on err:\n" + run.err());
    String line = run.errLines().get(0);
    assertTrue(line.contains("nope"), "names the unknown scenario: " + line);
    for (String known : List.of("mm1", "mmc", "basics/single-node")) {
      assertTrue(line.contains(known), "names the known scenario " + known + ": " + line);
    }
    assertNoStackTrace(run);
    assertEquals("", run.out(), "nothing on out");
  }

  /** Input the user can fix, each of which must end with exit code 64 and a short error. */
  static Stream<Arguments> badInput() {
    return Stream.of(
        args("run", "mmc", "--duration", "-5s"),
        args("run", "mmc", "--duration", "5parsecs"),
        args("run", "mmc", "--duration", "0s"),
        args("run", "mmc", "--duration", ""),
        args("run", "mmc", "--seed", "notanumber"),
        args("run", "mmc", "--bogus"),
        args("run"),
        args("run", "mmc", "extra"),
        args("--bogus"),
        args("frobnicate"));
  }

  private static Arguments args(String... args) {
    return Arguments.of(String.join(" ", args), args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputExitsWithCode64AndAShortError(String line, String[] args) {
    Outcome run = cli(args);
    assertEquals(TradeoffCli.EXIT_BAD_INPUT, run.code(), "'" + line + "': " + run.describe());
    List<String> lines = run.errLines();
    assertTrue(
        !lines.isEmpty() && lines.size() <= 2,
        "'" + line + "': a one-line error (plus at most a usage hint) on err:\n" + run.err());
    assertTrue(
        lines.get(0).startsWith("tradeoff: "), "'" + line + "': error starts with 'tradeoff: '");
    assertNoStackTrace(run);
    assertEquals("", run.out(), "'" + line + "': nothing on out");
  }

  /**
   * Every command's help is clean: nothing on err, and no picocli warning (a stray {@code %} in a
   * description makes picocli print one on {@code System.err}).
   */
  @Test
  void everyCommandsHelpPrintsNoWarning() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(
          new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      for (String command : TradeoffCli.commandLine().getSubcommands().keySet()) {
        Outcome help = cli(command, "--help");
        assertEquals("", help.err(), command + " --help");
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8), "System.err");
  }

  /** {@code --help} names every verb and option of the command, as the picocli model has them. */
  @Test
  void helpMentionsEveryVerbAndOption() {
    CommandLine model = TradeoffCli.commandLine();
    List<String> verbs = new ArrayList<>(model.getSubcommands().keySet());
    assertTrue(verbs.containsAll(List.of("list", "run", "help")), "verbs " + verbs);
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"help"})) {
      Outcome help = cli(args);
      assertEquals(0, help.code(), String.join(" ", args) + ": " + help.describe());
      for (String verb : verbs) {
        assertTrue(
            help.out().contains(verb),
            String.join(" ", args) + " omits " + verb + ":\n" + help.out());
      }
      assertMentionsEveryArgument(help.out(), model, String.join(" ", args));
      assertTrue(help.out().contains("64"), "help lists the exit codes:\n" + help.out());
    }
  }

  /**
   * Picocli formats every help line with {@link String#format}: a lone '%' makes it print a warning
   * on stderr and the raw line, so no command's help may write anything to stderr.
   */
  @Test
  void everyHelpRendersWithoutAPicocliWarning() {
    CommandLine root = TradeoffCli.commandLine();
    List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
    commands.add(root);
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine c : commands) {
        assertFalse(c.getUsageMessage().isEmpty(), c.getCommandName());
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  /**
   * A command line that begins with a command's name is parsed by {@code tradeoff} with that
   * command alone: its model, help and errors are those of the whole command line.
   */
  @Test
  void aCommandAloneReadsAsInTheWholeCommandLine() {
    CommandLine whole = TradeoffCli.commandLine();
    assertEquals(
        new ArrayList<>(TradeoffCli.COMMANDS.keySet()),
        new ArrayList<>(whole.getSubcommands().keySet()),
        "the names of COMMANDS are the commands' own");
    for (String name : TradeoffCli.COMMANDS.keySet()) {
      CommandLine alone = TradeoffCli.commandLine(new String[] {name, "--help"});
      if (name.equals("help")) {
        assertEquals(whole.getSubcommands().keySet(), alone.getSubcommands().keySet());
        continue;
      }
      assertEquals(List.of(name), new ArrayList<>(alone.getSubcommands().keySet()));
      CommandLine expected = whole.getSubcommands().get(name);
      CommandLine actual = alone.getSubcommands().get(name);
      assertEquals(expected.getUsageMessage(), actual.getUsageMessage(), name);
      assertEquals(
          expected.getCommandSpec().qualifiedName(), actual.getCommandSpec().qualifiedName());
    }
    for (String[] args :
        List.of(new String[] {"rn", "mm1"}, new String[] {}, new String[] {"--version"})) {
      assertEquals(
          whole.getSubcommands().keySet(),
          TradeoffCli.commandLine(args).getSubcommands().keySet(),
          String.join(" ", args));
    }
    Outcome unknown = cli("run", "mm1", "--bogus");
    assertEquals(TradeoffCli.EXIT_BAD_INPUT, unknown.code(), unknown.describe());
    assertEquals(
        List.of("tradeoff: Unknown option: '--bogus'", "Try 'tradeoff --help' for usage."),
        unknown.errLines());
  }

  @Test
  void runHelpMentionsEveryOption() {
    CommandLine run = TradeoffCli.commandLine().getSubcommands().get("run");
    List<String> names = new ArrayList<>();
    for (OptionSpec option : run.getCommandSpec().options()) {
      names.add(option.longestName());
    }
    assertTrue(names.containsAll(List.of("--seed", "--duration", "--help")), "options " + names);
    for (String[] args : List.of(new String[] {"run", "--help"}, new String[] {"help", "run"})) {
      Outcome help = cli(args);
      assertEquals(0, help.code(), String.join(" ", args) + ": " + help.describe());
      assertMentionsEveryArgument(help.out(), run, String.join(" ", args));
    }
  }

  /**
   * {@code --version} prints the version Maven filters into {@code version.properties} from the
   * POM; the expected value is read from this module's POM (its parent's version), not written
   * here.
   */
  @Test
  void versionPrintsTheProjectVersion() throws IOException {
    Outcome version = cli("--version");
    assertEquals(0, version.code(), version.describe());
    assertEquals("tradeoff " + pomVersion(), version.out().strip(), "--version");
    assertEquals("", version.err(), "--version err");
  }

  private static String pomVersion() throws IOException {
    Path pom = Path.of(System.getProperty("basedir", "."), "pom.xml");
    String xml = Files.readString(pom, StandardCharsets.UTF_8);
    Matcher parent =
        Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(xml);
    assertTrue(parent.find(), "no parent version in " + pom.toAbsolutePath());
    return parent.group(1).trim();
  }

  private static void assertMentionsEveryArgument(String help, CommandLine command, String what) {
    for (ArgSpec arg : command.getCommandSpec().args()) {
      String name =
          arg instanceof OptionSpec option
              ? option.longestName()
              : ((PositionalParamSpec) arg).paramLabel();
      assertTrue(help.contains(name), what + " omits " + name + ":\n" + help);
    }
  }

  private static void assertNoStackTrace(Outcome run) {
    for (String stream : List.of(run.out(), run.err())) {
      assertFalse(stream.contains("at dev."), "stack trace:\n" + run.describe());
      assertFalse(stream.contains("Exception"), "exception name:\n" + run.describe());
      assertFalse(stream.contains("\tat "), "stack trace:\n" + run.describe());
    }
  }

  private static String traceHash(String summary) {
    Matcher m = TRACE_HASH.matcher(summary);
    assertTrue(m.find(), "no trace hash in\n" + summary);
    return m.group(1);
  }
}
