package dev.tradeoff.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to replay a property's minimal failing case: the minimal schedule saved as a JSON file, the
 * system properties that run exactly that case once (for an IDE's run configuration or any build
 * tool), and a Maven command for the module the test class was compiled in, found from the class's
 * location ({@link Replay}). The test is the one named to the property, else the caller of {@link
 * Property#check()}.
 */
final class FailureReplay {
  private static final List<String> HARNESS =
      List.of(Property.class.getName(), FailureReplay.class.getName());

  private final String name;
  private final Path failureDirectory;
  private final String replayTest;
  private final Class<?> replayClass;

  /**
   * The replay of property {@code name}'s failures, saved in {@code failureDirectory}, for {@code
   * replayTest} ({@code Class#method}) in {@code replayClass}'s module; either may be null to use
   * the caller of {@link Property#check()}.
   */
  FailureReplay(String name, Path failureDirectory, String replayTest, Class<?> replayClass) {
    this.name = name;
    this.failureDirectory = failureDirectory;
    this.replayTest = replayTest;
    this.replayClass = replayClass;
  }

  /**
   * Saves the minimal schedule for the replay command; a failure to save is reported, not fatal.
   */
  private String save(Case minimal) {
    String file = name.replaceAll("[^A-Za-z0-9._-]+", "-") + "-seed-" + minimal.seed() + ".json";
    Path path = failureDirectory.resolve(file);
    try {
      Files.createDirectories(failureDirectory);
      Files.writeString(path, minimal.schedule().toJson(), StandardCharsets.UTF_8);
      return path.toAbsolutePath().toString();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Two ways to replay: the plain system properties (for an IDE's run configuration or any build
   * tool), and a Maven command for the module the test class was found in, if one was.
   */
  String command(Case original, Case minimal) {
    Caller caller = caller();
    String test = replayTest != null ? replayTest : caller.test();
    Class<?> testClass = replayClass != null ? replayClass : caller.testClass();
    String saved = save(minimal);
    // with nowhere to save the minimal case, rerunning the original case shrinks it again, the
    // same way
    String properties =
        saved == null
            ? "-D"
                + Property.SEED_PROPERTY
                + "="
                + original.seed()
                + " -D"
                + Property.TRIES_PROPERTY
                + "=1"
            : "-D"
                + Property.SEED_PROPERTY
                + "="
                + minimal.seed()
                + " -D"
                + Property.RUN_PROPERTY
                + "="
                + minimal.runNanos()
                + " -D"
                + Property.CLIENTS_PROPERTY
                + "="
                + minimal.clients()
                + parametersProperty(minimal)
                + " -D"
                + Property.SCHEDULE_PROPERTY
                + "="
                + saved;
    Path module = Replay.moduleOf(testClass);
    String maven =
        module == null
            ? "replay with Maven: no Maven module found for "
                + test
                + "; run it with the system properties above"
            : "replay with Maven (module "
                + module
                + ", found from the test class's location; runs from any directory):\n  "
                + Replay.maven(module, test, properties);
    return "\nreplay "
        + test
        + " with these system properties (an IDE run configuration, or any build tool):\n  "
        + properties
        + "\n"
        + maven;
  }

  private static String parametersProperty(Case c) {
    if (c.parameters().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" -D").append(Property.PARAMETERS_PROPERTY).append('=');
    String sep = "";
    for (Map.Entry<String, Long> p : c.parameters().entrySet()) {
      out.append(sep).append(p.getKey()).append('=').append(p.getValue());
      sep = ",";
    }
    return out.toString();
  }

  /**
   * The test that called {@link #check()}, for the replay command: the innermost caller in a class
   * named {@code *Test}, {@code *Tests} or {@code *IT}, outside lambdas (JUnit's {@code
   * assertThrows} may sit in between), else the direct caller.
   */
  private static Caller caller() {
    List<StackWalker.StackFrame> frames =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(s -> s.filter(f -> !HARNESS.contains(f.getClassName())).toList());
    for (StackWalker.StackFrame frame : frames) {
      String cls = simpleName(frame.getClassName());
      boolean test = cls.endsWith("Test") || cls.endsWith("Tests") || cls.endsWith("IT");
      if (test && !frame.getMethodName().startsWith("lambda$")) {
        return new Caller(cls + "#" + frame.getMethodName(), frame.getDeclaringClass());
      }
    }
    if (frames.isEmpty()) {
      return new Caller("<TestClass>#<method>", null);
    }
    StackWalker.StackFrame first = frames.get(0);
    return new Caller(
        simpleName(first.getClassName()) + "#" + first.getMethodName(), first.getDeclaringClass());
  }

  /** The test method as Surefire's {@code -Dtest} wants it, and its class (null if unknown). */
  private record Caller(String test, Class<?> testClass) {}

  /**
   * The class name without its package; nested classes keep {@code Outer$Inner}, as Surefire wants.
   */
  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
