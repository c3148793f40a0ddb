package dev.tradeoff.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.core.Context;
import dev.tradeoff.core.Node;
import dev.tradeoff.core.NodeSpec;
import dev.tradeoff.core.random.Distribution;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node in README's "Writing a node" compiles against the node-facing package alone and keeps
 * its promise: no acknowledged increment is lost to crashes that drop unsynced writes.
 */
class ReadmeNodeTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  @Test
  void theReadmeNodeImportsOnlyTheNodeFacingPackage() throws Exception {
    for (String line : readmeNode().lines().toList()) {
      if (line.startsWith("import ")) {
        assertTrue(
            line.matches("import (dev\\.tradeoff\\.core\\.[A-Z]\\w*|java\\.[\\w.]+);"),
            "README's node needs a type outside dev.tradeoff.core: " + line);
      }
    }
  }

  @Test
  void theReadmeNodeLosesNoAcknowledgedIncrementAcrossCrashes(@TempDir Path classes)
      throws Exception {
    Supplier<Node> counter = compile(readmeNode(), classes);
    for (long seed = 1; seed <= 10; seed++) {
      Simulation sim = new Simulation(seed);
      sim.network().defaultLatency(Distribution.constant(200_000));
      int server = sim.addNode(NodeSpec.of("counter", "dc", counter));
      List<Long> acknowledged = new ArrayList<>();
      sim.addNode(NodeSpec.of("client", "dc", () -> new Incrementer(server, acknowledged)));
      for (long at = 37_000_000L; at < 1_000_000_000L; at += 101_000_000L) {
        sim.schedule(at, () -> sim.crash(server, true));
        sim.schedule(at + 20_000_000L, () -> sim.restart(server));
      }
      sim.runUntil(1_000_000_000L);
      assertTrue(acknowledged.size() > 50, "seed " + seed + ": " + acknowledged.size());
      for (int i = 0; i < acknowledged.size(); i++) {
        assertEquals(i + 1L, acknowledged.get(i), "seed " + seed + ": an increment was lost");
      }
    }
  }

  /** Sends "inc" every 5 ms and keeps the acknowledged counts in order. */
  private static final class Incrementer implements Node {
    private final int server;
    private final List<Long> acknowledged;
    private Context ctx;

    Incrementer(int server, List<Long> acknowledged) {
      this.server = server;
      this.acknowledged = acknowledged;
    }

    @Override
    public void onStart(Context context) {
      ctx = context;
      ctx.setTimer(5_000_000, null);
    }

    @Override
    public void onTimer(long timerId, Object payload) {
      ctx.send(server, "inc");
      ctx.setTimer(5_000_000, null);
    }

    @Override
    public void onMessage(int from, Object message) {
      acknowledged.add((Long) message);
    }
  }

  private static String readmeNode() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Writing a node"));
    Matcher block = JAVA_BLOCK.matcher(section);
    assertTrue(block.find(), "README's \"Writing a node\" has no java block");
    return block.group(1);
  }

  @SuppressWarnings("unchecked")
  private static Supplier<Node> compile(String source, Path classes) throws Exception {
    Path file = classes.resolve("DurableCounter.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-cp", System.getProperty("java.class.path"), "-d", classes.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(file))
            .call();
    assertTrue(ok, "README's node does not compile:\n" + errors);
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeNodeTest.class.getClassLoader());
    Class<? extends Node> type = (Class<? extends Node>) loader.loadClass("DurableCounter");
    return () -> {
      try {
        return type.getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
