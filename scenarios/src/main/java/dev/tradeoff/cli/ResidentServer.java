package dev.tradeoff.cli;

import dev.tradeoff.cli.ResidentWire.Frame;
import dev.tradeoff.cli.ResidentWire.Request;
import dev.tradeoff.reports.ReportFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import jdk.net.ExtendedSocketOptions;

/**
 * The resident JVM: runs tradeoff's commands for {@link ResidentClient}s over a Unix domain socket,
 * so that a command started by {@code ./tradeoff} skips the JVM's start-up, its class loading and
 * its compilations, which are most of a short run's wall time.
 *
 * <p>Its contract:
 *
 * <ul>
 *   <li>A command it runs prints, exits and writes files exactly as {@link TradeoffCli#execute}
 *       does in the client's own JVM: every run is deterministic and shares nothing with the runs
 *       before it.
 *   <li>It runs one command at a time. It declines a request while it warms up or runs another,
 *       from another working directory than its own, of another wire version, or once its jar has
 *       changed; the client then runs the command in its own JVM.
 *   <li>A client that cancels (Ctrl-C) or goes away before its command ends stops this JVM with
 *       exit code 130, as the interrupt would have stopped the client's own JVM mid-command.
 *   <li>It exits after {@link #IDLE} without a command, or when its working directory or its jar is
 *       no longer the one it started with, and deletes its socket when it exits.
 * </ul>
 */
public final class ResidentServer {
  /** How long a resident JVM waits for a command before it exits. */
  static final Duration IDLE = Duration.ofMinutes(10);

  private static final Duration WATCH_PERIOD = Duration.ofSeconds(2);

  private final ServerSocketChannel server;
  private final Path socket;
  private final Object socketKey;
  private final String directory;
  private final IntConsumer exit;
  private final BooleanSupplier stale;
  private final PrintStream log;
  private final Object lock = new Object();
  private final UserPrincipal owner;
  private boolean busy = true; // warming up; guarded by lock
  private boolean closing; // guarded by lock
  private volatile boolean declinedBusy;
  private volatile long lastUsedNanos = System.nanoTime();

  private ResidentServer(
      ServerSocketChannel server,
      Path socket,
      IntConsumer exit,
      BooleanSupplier stale,
      PrintStream log)
      throws IOException {
    this.server = server;
    this.socket = socket;
    this.socketKey = key(socket);
    this.owner = Files.getOwner(socket);
    this.directory = ResidentWire.workingDirectory();
    this.exit = exit;
    this.stale = stale;
    this.log = log;
  }

  /**
   * A server bound to {@code socket}, declining requests until {@link #ready()}; fails if another
   * server holds the socket. {@code exit} stops the JVM (the tests record it instead); {@code
   * stale} says whether the jar changed since this JVM started; {@code log} gets a line for each
   * command.
   */
  static ResidentServer bind(Path socket, IntConsumer exit, BooleanSupplier stale, PrintStream log)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
      return new ResidentServer(server, socket, exit, stale, log);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Starts {@code tradeoff} resident on the socket {@code args[0]}; ./tradeoff starts it. With a
   * process id as {@code args[1]}, the launcher's command that runs in its own JVM meanwhile, the
   * warm-up waits for that process to end rather than compete with it for the cores.
   */
  public static void main(String[] args) throws InterruptedException {
    Thread.setDefaultUncaughtExceptionHandler(TradeoffCli::uncaught);
    ResidentServer server;
    try {
      server = bind(Path.of(args[0]), System::exit, jarChanged(), System.err);
    } catch (IOException e) {
      System.err.println("tradeoff resident: " + args[0] + ": " + e.getMessage());
      return; // another launcher's resident JVM was quicker: it serves
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "resident-close"));
    Thread accept = new Thread(server::serve, "resident-accept");
    accept.start();
    if (args.length > 1) {
      awaitExit(Long.parseLong(args[1]));
    }
    long start = System.nanoTime();
    RunCommand.warmUpReports();
    warmUp(() -> server.declinedBusy);
    server.ready();
    server.log.printf(
        Locale.ROOT,
        "tradeoff resident: serving %s after a warm-up of %.1f s%n",
        args[0],
        (System.nanoTime() - start) / 1e9);
    while (!server.exitIfDone()) {
      Thread.sleep(WATCH_PERIOD.toMillis());
    }
  }

  /**
   * Waits for the launcher's command to end, for at most {@link #IDLE}: the process {@code pid}, if
   * it started before this JVM (else the id was reused and the command is over).
   */
  private static void awaitExit(long pid) {
    Optional<Instant> self = ProcessHandle.current().info().startInstant();
    ProcessHandle.of(pid)
        .filter(
            p -> {
              Optional<Instant> started = p.info().startInstant();
              return started.isPresent() && self.isPresent() && !started.get().isAfter(self.get());
            })
        .ifPresent(
            p -> {
              try {
                p.onExit().get(IDLE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (ExecutionException | TimeoutException e) {
                // warm up anyway: the command is long, or its end cannot be told
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /**
   * Accepts clients until the server is closed, each on a thread of its own. A server that can no
   * longer accept (out of file descriptors, of threads) exits rather than leave its socket to queue
   * clients nobody answers.
   */
  void serve() {
    while (server.isOpen()) {
      try {
        SocketChannel channel = server.accept();
        Thread client = new Thread(() -> handle(channel), "resident-client");
        client.setDaemon(true);
        client.start();
      } catch (IOException | RuntimeException | OutOfMemoryError e) {
        if (server.isOpen()) {
          // the log stays, and a command running now ends first (exitIfDone)
          log.println("tradeoff resident: cannot accept clients: " + TradeoffCli.oneLine(e));
          stopAccepting();
        }
        return;
      }
    }
  }

  /** Starts serving requests: the warm-up is over. */
  void ready() {
    synchronized (lock) {
      lastUsedNanos = System.nanoTime();
      busy = false;
    }
  }

  /**
   * Exits the JVM if this server has been idle too long or no longer fits (its jar, its folder or
   * its socket changed); says if it did.
   */
  boolean exitIfDone() {
    synchronized (lock) {
      boolean idle = !busy && System.nanoTime() - lastUsedNanos > IDLE.toNanos();
      boolean unfit =
          closing
              || stale.getAsBoolean()
              || !directory.equals(ResidentWire.workingDirectory())
              || socketKey == null
              || !socketKey.equals(key(socket));
      if (!(idle || (unfit && !busy))) {
        return false;
      }
      closing = true;
    }
    close();
    exit.accept(0);
    return true;
  }

  /**
   * Stops accepting and deletes the socket and its log, if the socket is still this server's: a
   * resident JVM that ends this way has nothing to tell, and one that crashes leaves its log.
   */
  void close() {
    if (stopAccepting()) {
      try {
        Files.deleteIfExists(ResidentWire.log(socket));
      } catch (IOException e) {
        // exiting anyway
      }
    }
  }

  /** Closes the socket and deletes it if it is still this server's; says if it was. */
  private boolean stopAccepting() {
    synchronized (lock) {
      closing = true;
    }
    try {
      server.close();
      if (socketKey != null && socketKey.equals(key(socket))) {
        Files.deleteIfExists(socket);
        return true;
      }
    } catch (IOException e) {
      // exiting anyway; a socket left behind is refused and deleted by the next client
    }
    return false;
  }

  private static Object key(Path socket) {
    return ResidentWire.fileKey(socket);
  }

  private void handle(SocketChannel channel) {
    try (channel) {
      ResidentWire wire = new ResidentWire(channel);
      Frame frame = wire.receive();
      if (frame == null || frame.kind() != ResidentWire.REQUEST) {
        return;
      }
      Request request = Request.decode(frame.payload());
      String refusal = refusal(channel, request);
      if (refusal == null) {
        refusal = take();
      }
      if (refusal != null) {
        wire.send(ResidentWire.DECLINED, refusal.getBytes(StandardCharsets.UTF_8));
        return;
      }
      try {
        wire.send(ResidentWire.ACCEPTED, new byte[0]);
        Frame go = wire.receive();
        if (go != null && go.kind() == ResidentWire.GO) {
          run(wire, request); // else the client gave up on us and runs the command itself
        }
      } finally {
        synchronized (lock) {
          lastUsedNanos = System.nanoTime();
          busy = false;
        }
      }
    } catch (IOException e) {
      // the client went away before its command started, or after it ended
    }
  }

  /** Takes this server for one command, or says why not. */
  private String take() {
    synchronized (lock) {
      if (closing) {
        return "exiting";
      }
      if (busy) {
        declinedBusy = true;
        return "busy with another command";
      }
      busy = true;
      return null;
    }
  }

  private String refusal(SocketChannel channel, Request request) throws IOException {
    UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
    if (!peer.equals(owner)) {
      return "runs commands for " + owner.getName() + " only";
    }
    if (request.version() != ResidentWire.VERSION) {
      return "wire version " + request.version() + ", not " + ResidentWire.VERSION;
    }
    if (request.args().isEmpty()) {
      return "no command";
    }
    if (!request.directory().equals(directory)) {
      return "started in " + directory + ", not " + request.directory();
    }
    if (stale.getAsBoolean()) {
      return "its jar changed";
    }
    return null;
  }

  private void run(ResidentWire wire, Request request) throws IOException {
    AtomicBoolean finished = new AtomicBoolean();
    Thread cancel = new Thread(() -> awaitCancel(wire, finished), "resident-cancel");
    cancel.setDaemon(true);
    cancel.start();
    PrintWriter out = new PrintWriter(wire.stream(ResidentWire.OUT), true);
    PrintWriter err = new PrintWriter(wire.stream(ResidentWire.ERR), true);
    long start = System.nanoTime();
    int code =
        TradeoffCli.execute(request.args().toArray(new String[0]), out, err, request.console());
    out.flush();
    err.flush();
    finished.set(true);
    wire.sendExit(code);
    log.printf(
        Locale.ROOT,
        "tradeoff resident: %s: exit code %d after %.3f s%n",
        request.args().get(0),
        code,
        (System.nanoTime() - start) / 1e9);
  }

  /** Any frame or the end of the socket before the command finished cancels it. */
  private void awaitCancel(ResidentWire wire, AtomicBoolean finished) {
    try {
      wire.receive();
    } catch (IOException e) {
      // closed: the same as a cancel if the command is still running
    }
    if (!finished.get()) {
      exit.accept(130);
    }
  }

  /**
   * Runs a few short scenarios of different patterns twice, their output and folders thrown away,
   * so that the first command a user sends finds the kernel, the checkers and the report code
   * compiled; stops early once {@code asked} (a user's command, declined meanwhile, runs in its own
   * JVM on the same cores).
   */
  static void warmUp(BooleanSupplier asked) {
    Path folder;
    try {
      folder = Files.createTempDirectory("tradeoff-warm-up");
    } catch (IOException e) {
      return;
    }
    try {
      for (int i = 0; i < 2 * WARM_UP.size() && !asked.getAsBoolean(); i++) {
        String[] args = {
          "run",
          WARM_UP.get(i % WARM_UP.size()),
          "--duration",
          "5s",
          "--out",
          folder.resolve("run-" + i).toString()
        };
        PrintWriter discard = new PrintWriter(new StringWriter());
        TradeoffCli.execute(args, discard, discard, false);
      }
    } finally {
      ReportFolder.deleteQuietly(folder);
    }
  }

  private static final List<String> WARM_UP =
      List.of(
          "basics/single-node",
          "replication/read-replica-lag",
          "replication/quorum-tunable",
          "sharding/hot-key",
          "cache/cache-aside-stale-race",
          "cqrs/projection-lag");

  /** Whether the jar this class came from has changed since now. */
  private static BooleanSupplier jarChanged() {
    Path jar;
    try {
      jar =
          Path.of(ResidentServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return () -> false;
    }
    String start = stamp(jar);
    return () -> !start.equals(stamp(jar));
  }

  private static String stamp(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.lastModifiedTime() + " " + attributes.size() + " " + attributes.fileKey();
    } catch (IOException e) {
      return "gone";
    }
  }
}
