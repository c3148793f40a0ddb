package dev.tradeoff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tradeoff} command: entry point, exit codes and one-line errors. */
@Command(
    name = "tradeoff",
    mixinStandardHelpOptions = true,
    versionProvider = TradeoffCli.Version.class,
    exitCodeOnInvalidInput = TradeoffCli.EXIT_BAD_INPUT,
    exitCodeOnExecutionException = TradeoffCli.EXIT_INTERNAL,
    description = "A deterministic discrete-event simulator for distributed data patterns.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run finished and its expectations held",
      "1:an expectation was violated",
      "2:inconclusive (an expectation could not be decided, e.g. a checker ran out of budget)",
      "64:bad input (unknown scenario, malformed scenario or report file, or option)",
      "70:internal error"
    })
public final class TradeoffCli {
  /** Bad input, as sysexits.h's EX_USAGE. */
  public static final int EXIT_BAD_INPUT = 64;

  /** Internal error, as sysexits.h's EX_SOFTWARE. */
  public static final int EXIT_INTERNAL = 70;

  static {
    // Reports draw charts with AWT; there is never a display to draw on.
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * The commands by name, in the order help lists them. Not in the annotation: picocli reads every
   * command's annotations, fields and methods when it builds the model, and a run only needs its
   * own ({@link #commandLine(String[])}).
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private TradeoffCli() {}

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("list", ListCommand.class);
    commands.put("run", RunCommand.class);
    commands.put("compare", CompareCommand.class);
    commands.put("shrink", ShrinkCommand.class);
    commands.put("replay", ReplayCommand.class);
    commands.put("validate", ValidateCommand.class);
    commands.put("show-config", ShowConfigCommand.class);
    commands.put("check", CheckCommand.class);
    commands.put("sweep", SweepCommand.class);
    commands.put("merge", MergeCommand.class);
    commands.put("render", RenderCommand.class);
    commands.put("explain", ExplainCommand.class);
    commands.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(commands);
  }

  /** The whole command line: {@code tradeoff} and every command of {@link #COMMANDS}. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(TradeoffCli.class);
    COMMANDS.values().forEach(cli::addSubcommand);
    return cli;
  }

  /**
   * The command line {@code args} need: when they begin with a command's name, {@code tradeoff}
   * with that command alone, which parses and prints the same (a command's help and errors name
   * only itself); else, as for {@code help} (it lists them all), the whole {@link #commandLine()}.
   */
  static CommandLine commandLine(String[] args) {
    Class<?> command = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
    if (command == null) {
      return commandLine();
    }
    CommandLine cli = new CommandLine(TradeoffCli.class);
    cli.addSubcommand(command);
    return cli;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler(TradeoffCli::uncaught);
    if (args.length > 0 && args[0].equals("run")) {
      RunCommand.warmUpReports(); // before picocli reads its annotations: that takes a while too
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * What a thread beside the command does with an exception it does not catch: what the JVM does,
   * except for running out of memory. A thread that meets the shortage beside a run (the report
   * warm-up, Java2D's disposer) would print a stack trace before the command says it in one line
   * ({@link #execute}), since the command needs the memory as much.
   */
  static void uncaught(Thread thread, Throwable e) {
    if (!(e instanceof OutOfMemoryError)) {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      e.printStackTrace(System.err);
    }
  }

  /** Runs the command line, printing to {@code out} and {@code err}, and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, System.console() != null);
  }

  /**
   * Runs the command line as {@link #execute(String[], PrintWriter, PrintWriter)} does, for a user
   * at a terminal if {@code console} (a sweep then redraws its progress line in place).
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err, boolean console) {
    CommandLine cli = commandLine(args);
    CommandLine sweep = cli.getSubcommands().get("sweep");
    if (sweep != null) {
      ((SweepCommand) sweep.getCommand()).console = console;
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("tradeoff: " + ex.getMessage());
          err.println("Try 'tradeoff --help' for usage.");
          return EXIT_BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof BadInputException
              || ex instanceof dev.tradeoff.reports.FolderRefusedException) {
            err.println("tradeoff: " + ex.getMessage());
            return EXIT_BAD_INPUT;
          }
          err.println("tradeoff: internal error: " + oneLine(ex) + REPORT_IT);
          return EXIT_INTERNAL;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "tradeoff: out of memory: the run needed more than this JVM's "
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MiB heap; try a shorter run or a lower rate, or a larger heap"
              + " (JAVA_TOOL_OPTIONS=-Xmx8g ./tradeoff ...)");
      return EXIT_INTERNAL;
    } catch (StackOverflowError e) {
      err.println(
          "tradeoff: internal error: stack overflow (an input nested too deeply?)" + REPORT_IT);
      return EXIT_INTERNAL;
    } catch (RuntimeException | Error e) {
      err.println("tradeoff: internal error: " + oneLine(e) + REPORT_IT);
      return EXIT_INTERNAL;
    }
  }

  private static final String REPORT_IT =
      "; this is a bug in tradeoff: please report it with the command line that caused it";

  /** {@code t} in one line: its class and first message line, never a stack trace. */
  static String oneLine(Throwable t) {
    String message = t.getMessage();
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    if (first.length() > 300) {
      first = first.substring(0, 300) + "…";
    }
    return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }

  /** The version Maven wrote into the jar, or {@code (unknown version)}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = TradeoffCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "(unknown version)";
    }
    return properties.getProperty("version", "(unknown version)");
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tradeoff " + version()};
    }
  }
}
