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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./tradeoff}'s entry point when a resident JVM listens: sends the command line to the
 * {@link ResidentServer} on a socket and relays its output and exit code, so that the user sees
 * what the command prints, returns and writes in a JVM of its own. Where none runs it (none
 * listens, it declines, it is busy, it does not accept within {@link #ACCEPT_TIMEOUT_MILLIS}, or it
 * ends before the command printed anything), the command runs in this JVM, as {@link
 * TradeoffCli#main} runs it. A resident JVM killed mid-run thus has its command run again from the
 * start; the run is deterministic and its report folder written whole or not at all, so the user
 * sees what one run would have shown.
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

  private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

  private ResidentClient() {}

  /** {@code ResidentClient SOCKET ARGS...}: runs {@code tradeoff ARGS...}, resident if it can. */
  public static void main(String[] args) {
    String[] command = Arrays.copyOfRange(args, 1, args.length);
    if (served(command)) {
      OptionalInt code =
          attempt(Path.of(args[0]), command, System.out, System.err, System.console() != null);
      if (code.isPresent()) {
        System.out.flush();
        System.err.flush();
        System.exit(code.getAsInt());
      }
    }
    TradeoffCli.main(command);
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
    return attempt(socket, command, out, err, console, ACCEPT_TIMEOUT_MILLIS);
  }

  /** As {@link #attempt(Path, String[], OutputStream, OutputStream, boolean)}, with a timeout. */
  static OptionalInt attempt(
      Path socket,
      String[] command,
      OutputStream out,
      OutputStream err,
      boolean console,
      long acceptTimeoutMillis) {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
    // started before connecting: a resident JVM that stopped (SIGSTOP) with a full backlog blocks
    // the connection itself
    Watchdog watchdog = new Watchdog(channel, acceptTimeoutMillis);
    watchdog.start();
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
      return relay(wire, watchdog, out, err, socket);
    } catch (IOException e) {
      return OptionalInt.empty(); // it went away before it answered: nothing ran
    } finally {
      watchdog.interrupt();
    }
  }

  /**
   * Relays frames until the exit code, sending a cancel if this JVM is stopped before it; empty if
   * the command printed nothing before the resident JVM declined it, failed to accept it within
   * {@code acceptTimeoutMillis} or went away.
   */
  private static OptionalInt relay(
      ResidentWire wire, Watchdog watchdog, OutputStream out, OutputStream err, Path socket)
      throws IOException {
    AtomicBoolean done = new AtomicBoolean();
    Thread cancel = new Cancel(wire, done);
    Runtime.getRuntime().addShutdownHook(cancel);
    try {
      boolean printed = false;
      while (true) {
        Frame frame = receive(wire);
        byte kind = frame == null ? 0 : frame.kind();
        if (kind == ResidentWire.ACCEPTED && watchdog.accept()) {
          wire.send(ResidentWire.GO, new byte[0]);
          continue;
        }
        if (kind == ResidentWire.OUT || kind == ResidentWire.ERR) {
          printed = true;
          write(kind == ResidentWire.OUT ? out : err, frame.payload());
          continue;
        }
        done.set(true);
        if (kind == ResidentWire.EXIT) {
          return OptionalInt.of(ByteBuffer.wrap(frame.payload()).getInt());
        }
        if (!printed) {
          return OptionalInt.empty(); // nothing the user saw: the command runs here
        }
        new PrintStream(err, true)
            .println(
                "tradeoff: internal error: the resident JVM ended during the command (its log: "
                    .concat(ResidentWire.log(socket).toString())
                    .concat("); run it again, or with TRADEOFF_RESIDENT=off"));
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

  /** How long a resident JVM may take to accept a command before the client runs it itself. */
  static final long ACCEPT_TIMEOUT_MILLIS = 10_000;

  /**
   * Closes the socket if the resident JVM has not accepted the command in time. Accepting and
   * giving up exclude each other, so that a command the client gave up on never runs there too.
   */
  private static final class Watchdog extends Thread {
    private static final int WAITING = 0;
    private static final int ACCEPTED = 1;
    private static final int GAVE_UP = 2;
    private final SocketChannel channel;
    private final long timeoutMillis;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    Watchdog(SocketChannel channel, long timeoutMillis) {
      super("resident-watchdog");
      this.channel = channel;
      this.timeoutMillis = timeoutMillis;
      setDaemon(true);
    }

    /** Takes the resident JVM's acceptance, unless this client has given up already. */
    boolean accept() {
      return state.compareAndSet(WAITING, ACCEPTED);
    }

    @Override
    public void run() {
      try {
        Thread.sleep(timeoutMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (state.compareAndSet(WAITING, GAVE_UP)) {
        try {
          channel.close();
        } catch (IOException e) {
          // closing is all that was wanted
        }
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

  /** Writes as the command's own PrintWriter would: an error (a closed pipe) is not thrown. */
  private static void write(OutputStream stream, byte[] bytes) {
    try {
      stream.write(bytes);
      stream.flush();
    } catch (IOException e) {
      // the reader went away; the command runs on, as it would in a JVM of its own
    }
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
      if (Files.readAttributes(socket, BasicFileAttributes.class).isOther()) {
        Files.deleteIfExists(socket);
      }
    } catch (IOException e) {
      // not there, or not ours to delete
    }
  }
}
