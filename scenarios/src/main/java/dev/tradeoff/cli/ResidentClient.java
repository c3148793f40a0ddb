package dev.tradeoff.cli;

import dev.tradeoff.cli.ResidentWire.Frame;
import dev.tradeoff.cli.ResidentWire.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./tradeoff}'s client of a resident JVM: sends the command line to the {@link
 * ResidentServer} on a socket and relays its output and exit code, so that the user sees what the
 * command prints, returns and writes when it runs in a JVM of its own. Where none runs it (none
 * listens, it declines, it is busy, or it ends before it printed anything), the client exits with
 * {@link #NOT_RUN} having printed nothing, and the launcher runs the command in a JVM of its own. A
 * resident JVM killed mid-run is thus run again from the start; the run is deterministic and its
 * report folder written whole or not at all, so the user sees what one run would have shown.
 *
 * <p>It starts on every command, so it stays lean: no lambdas or string concatenation on its way to
 * the socket, each of which would first bootstrap the JVM's invokedynamic machinery.
 *
 * <p>Help and version requests are never sent: picocli colours help at a terminal, and the resident
 * JVM has none.
 */
public final class ResidentClient {
  /** The commands a resident JVM runs: all but {@code help}. */
  static final Set<String> SERVED =
      Set.of(
          "list",
          "run",
          "compare",
          "shrink",
          "replay",
          "validate",
          "show-config",
          "check",
          "sweep",
          "merge",
          "render",
          "explain");

  /** The exit code that says no resident JVM ran the command (sysexits.h's EX_TEMPFAIL). */
  static final int NOT_RUN = 75;

  private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

  private ResidentClient() {}

  /** {@code ResidentClient SOCKET ARGS...}: has {@code tradeoff ARGS...} run resident, or not. */
  public static void main(String[] args) {
    String[] command = Arrays.copyOfRange(args, 1, args.length);
    OptionalInt code =
        served(command)
            ? attempt(Path.of(args[0]), command, System.out, System.err, System.console() != null)
            : OptionalInt.empty();
    System.out.flush();
    System.err.flush();
    System.exit(code.orElse(NOT_RUN));
  }

  /** Whether a resident JVM may run {@code command}. */
  static boolean served(String[] command) {
    if (command.length == 0 || !SERVED.contains(command[0])) {
      return false;
    }
    for (String arg : command) {
      if (HELP.contains(arg)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Has the resident JVM on {@code socket} run {@code command}, its stdout and stderr written to
   * {@code out} and {@code err}, and returns its exit code; empty if none ran it. A socket nobody
   * listens on (its JVM was killed) is deleted, so that the launcher starts another.
   */
  static OptionalInt attempt(
      Path socket, String[] command, OutputStream out, OutputStream err, boolean console) {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
    try (channel) {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (ConnectException e) {
        deleteSocket(socket);
        return OptionalInt.empty();
      } catch (IOException | RuntimeException e) {
        return OptionalInt.empty();
      }
      ResidentWire wire = new ResidentWire(channel);
      Request request =
          new Request(
              ResidentWire.VERSION, ResidentWire.workingDirectory(), console, List.of(command));
      wire.send(ResidentWire.REQUEST, request.encode());
      return relay(wire, out, err, socket);
    } catch (IOException e) {
      return OptionalInt.empty(); // it went away before it answered: nothing ran
    }
  }

  /** Relays frames until the exit code, sending a cancel if this JVM is stopped before it. */
  private static OptionalInt relay(
      ResidentWire wire, OutputStream out, OutputStream err, Path socket) throws IOException {
    AtomicBoolean done = new AtomicBoolean();
    Thread cancel = new Cancel(wire, done);
    Runtime.getRuntime().addShutdownHook(cancel);
    try {
      for (boolean first = true; ; first = false) {
        Frame frame = receive(wire);
        byte kind = frame == null ? 0 : frame.kind();
        if (kind == ResidentWire.OUT || kind == ResidentWire.ERR) {
          write(kind == ResidentWire.OUT ? out : err, frame.payload());
          continue;
        }
        done.set(true);
        if (kind == ResidentWire.EXIT) {
          return OptionalInt.of(ByteBuffer.wrap(frame.payload()).getInt());
        }
        if (kind == ResidentWire.DECLINED || (frame == null && first)) {
          return OptionalInt.empty(); // nothing ran
        }
        new PrintStream(err, true)
            .println(
                "tradeoff: internal error: the resident JVM ended during the command (its log: "
                    + socket.resolveSibling(
                        socket.getFileName().toString().replace(".sock", ".log"))
                    + "); run it again, or with TRADEOFF_RESIDENT=off");
        return OptionalInt.of(TradeoffCli.EXIT_INTERNAL);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cancel);
      } catch (IllegalStateException e) {
        // this JVM is shutting down: the hook runs
      }
    }
  }

  private static Frame receive(ResidentWire wire) {
    try {
      return wire.receive();
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(OutputStream stream, byte[] bytes) throws IOException {
    stream.write(bytes);
    stream.flush();
  }

  /** Tells the resident JVM that this one is stopping, unless the command is done. */
  private static final class Cancel extends Thread {
    private final ResidentWire wire;
    private final AtomicBoolean done;

    Cancel(ResidentWire wire, AtomicBoolean done) {
      super("resident-cancel");
      this.wire = wire;
      this.done = done;
    }

    @Override
    public void run() {
      if (!done.get()) {
        try {
          wire.send(ResidentWire.CANCEL, new byte[0]);
        } catch (IOException e) {
          // gone already: it stops when it finds the socket closed
        }
      }
    }
  }

  private static void deleteSocket(Path socket) {
    try {
      if (Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class)
          .isOther()) {
        Files.deleteIfExists(socket);
      }
    } catch (IOException e) {
      // not there, or not ours to delete
    }
  }
}
