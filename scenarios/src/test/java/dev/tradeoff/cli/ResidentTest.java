package dev.tradeoff.cli;

import static dev.tradeoff.cli.Folders.assertSameFolder;
import static dev.tradeoff.cli.TradeoffCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tradeoff.cli.ResidentWire.Frame;
import dev.tradeoff.cli.ResidentWire.Request;
import dev.tradeoff.cli.TradeoffCliTest.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident JVM and its client, both in this JVM: what a command prints, returns and writes
 * through them is what it does in process; a server declines what it must not run, and a client
 * that cancels or goes away stops it.
 */
class ResidentTest {
  @TempDir Path dir;

  private final BlockingQueue<Integer> exits = new ArrayBlockingQueue<>(4);
  private final AtomicBoolean stale = new AtomicBoolean();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private ResidentServer server;
  private Path socket;

  private ResidentServer start(boolean ready) throws IOException {
    socket = dir.resolve("t.sock");
    Files.writeString(dir.resolve("t.log"), "what the launcher sent to the log\n");
    server = ResidentServer.bind(socket, exits::add, stale::get, new PrintStream(log, true));
    Thread accept = new Thread(server::serve, "test-accept");
    accept.setDaemon(true);
    accept.start();
    if (ready) {
      server.ready();
    }
    return server;
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  /** What the client relays of {@code args}: empty if no resident JVM ran it. */
  private record Relayed(OptionalInt code, String out, String err) {}

  private Relayed attempt(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OptionalInt code = ResidentClient.attempt(socket, args, out, err, false);
    return new Relayed(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRunPrintsReturnsAndWritesWhatItDoesInProcess() throws IOException {
    start(true);
    Path here = dir.resolve("in-process");
    Path there = dir.resolve("resident");
    String[] run = {"run", "cache/cache-aside-stale-race", "--duration", "2s", "--seed", "7"};
    Outcome expected = cli(with(run, "--out", here.toString()));
    Relayed actual = attempt(with(run, "--out", there.toString()));
    assertEquals(OptionalInt.of(expected.code()), actual.code(), actual.err());
    assertEquals(expected.out().replace(here.toString(), there.toString()), actual.out());
    assertEquals(expected.err(), actual.err());
    assertSameFolder(here, there);
    // and again, in the same resident JVM: nothing of the first run carries over
    Path again = dir.resolve("again");
    Relayed second = attempt(with(run, "--out", again.toString()));
    assertEquals(actual.code(), second.code());
    assertEquals(expected.out().replace(here.toString(), again.toString()), second.out());
    assertEquals(expected.err(), second.err());
    assertSameFolder(here, again);
    assertTrue(
        log.toString(StandardCharsets.UTF_8).contains("tradeoff resident: run: exit code "),
        log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badInputGetsItsOneLineAndExitCode64() throws IOException {
    start(true);
    String[] bad = {"run", "basics/single-node", "--duration", "-3s"};
    Outcome expected = cli(bad);
    Relayed actual = attempt(bad);
    assertEquals(OptionalInt.of(TradeoffCli.EXIT_BAD_INPUT), actual.code());
    assertEquals(expected.err(), actual.err());
    assertEquals(1, actual.err().lines().count(), actual.err());
    assertEquals(expected.out(), actual.out());
  }

  @Test
  void aServerStillWarmingUpDeclinesAndTheClientSaysNothing() throws IOException {
    start(false);
    Relayed declined = attempt("list");
    assertEquals(OptionalInt.empty(), declined.code());
    assertEquals("", declined.out() + declined.err());
    server.ready();
    assertEquals(OptionalInt.of(0), attempt("list").code());
  }

  @Test
  void aRequestFromAnotherFolderOrVersionIsDeclined() throws IOException {
    start(true);
    String here = ResidentWire.workingDirectory();
    int version = ResidentWire.VERSION;
    List<String> list = List.of("list");
    assertEquals(ResidentWire.DECLINED, answer(new Request(version, here + "x", false, list)));
    assertEquals(ResidentWire.DECLINED, answer(new Request(version + 1, here, false, list)));
    assertEquals(ResidentWire.DECLINED, answer(new Request(version, here, false, List.of())));
    assertEquals(ResidentWire.ACCEPTED, answer(new Request(version, here, false, list)));
  }

  @Test
  void aChangedJarIsDeclinedAndTheServerExitsDeletingItsSocket() throws Exception {
    start(true);
    assertFalse(server.exitIfDone());
    stale.set(true);
    assertEquals(OptionalInt.empty(), attempt("list").code());
    assertTrue(server.exitIfDone());
    assertEquals(0, exits.poll(10, TimeUnit.SECONDS));
    assertFalse(Files.exists(socket), "the socket outlived its server");
    assertFalse(Files.exists(dir.resolve("t.log")), "the log outlived its server");
  }

  @Test
  void aCancelBeforeTheCommandEndsStopsTheServerWith130() throws Exception {
    start(true);
    try (SocketChannel channel = connect()) {
      ResidentWire wire = accepted(channel, longRun("c"));
      wire.send(ResidentWire.GO, new byte[0]);
      wire.send(ResidentWire.CANCEL, new byte[0]);
      assertEquals(130, exits.poll(60, TimeUnit.SECONDS));
    }
    awaitIdle(); // the recorded exit stopped nothing: let the run end before its folder goes
  }

  @Test
  void aClientThatGoesAwayMidCommandStopsTheServerToo() throws Exception {
    start(true);
    try (SocketChannel channel = connect()) {
      ResidentWire wire = accepted(channel, longRun("g"));
      wire.send(ResidentWire.GO, new byte[0]); // the run begins
    }
    assertEquals(130, exits.poll(60, TimeUnit.SECONDS));
    awaitIdle();
  }

  @Test
  void aCommandAcceptedButGivenUpOnRunsNothingThere() throws Exception {
    start(true);
    try (SocketChannel channel = connect()) {
      accepted(channel, longRun("given-up"));
    } // as a client whose wait ran out closes its socket: it runs the command itself
    awaitIdle();
    assertEquals(null, exits.poll());
    assertFalse(Files.exists(dir.resolve("given-up")), "the server ran a command given up on");
  }

  @Test
  void aServerWhoseSocketWasDeletedExits() throws Exception {
    start(true);
    assertFalse(server.exitIfDone());
    Files.delete(socket);
    assertTrue(server.exitIfDone(), "a server nobody can reach stayed");
    assertEquals(0, exits.poll(10, TimeUnit.SECONDS));
  }

  @Test
  @Timeout(60) // a broken watchdog would otherwise hang the build rather than fail this test
  void aServerThatNeverAcceptsIsGivenUpOnAndNothingRuns() throws IOException {
    socket = dir.resolve("mute.sock");
    try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      mute.bind(UnixDomainSocketAddress.of(socket)); // listens, never accepts
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long start = System.nanoTime();
      OptionalInt code =
          ResidentClient.attempt(socket, new String[] {"list"}, out, out, false, 300);
      assertEquals(OptionalInt.empty(), code);
      assertEquals(0, out.size());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "waited too long");
    }
  }

  @Test
  void aSocketNobodyListensOnIsDeletedSoTheLauncherStartsAnother() throws IOException {
    socket = dir.resolve("dead.sock");
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close(); // as a killed JVM leaves it: the file stays, nobody listens
    assertTrue(Files.exists(socket));
    assertEquals(OptionalInt.empty(), attempt("list").code());
    assertFalse(Files.exists(socket), "the dead socket was kept");
  }

  @Test
  void aSecondServerCannotTakeTheSocketOfAFirst() throws IOException {
    start(true);
    try {
      ResidentServer.bind(
          socket, exits::add, stale::get, new PrintStream(OutputStream.nullOutputStream()));
      throw new AssertionError("a second server bound the same socket");
    } catch (IOException expected) {
      assertEquals(OptionalInt.of(0), attempt("list").code(), "the first server stopped serving");
    }
  }

  @Test
  void helpAndVersionAreNeverSentSinceOnlyATerminalColoursThem() {
    assertTrue(ResidentClient.served(new String[] {"run", "mm1"}));
    assertFalse(ResidentClient.served(new String[] {"run", "--help"}));
    assertFalse(ResidentClient.served(new String[] {"--version"}));
    assertFalse(ResidentClient.served(new String[] {"help", "run"}));
    assertFalse(ResidentClient.served(new String[] {}));
    Set<String> commands = new TreeSet<>(TradeoffCli.COMMANDS.keySet());
    commands.remove("help");
    assertEquals(commands, new TreeSet<>(ResidentClient.SERVED));
  }

  @Test
  void theWarmUpStopsOnceAUserAsks() {
    java.util.concurrent.atomic.AtomicInteger asks =
        new java.util.concurrent.atomic.AtomicInteger();
    ResidentServer.warmUp(() -> asks.incrementAndGet() > 1); // asked during the first run
    assertEquals(2, asks.get(), "the warm-up went on after a user asked");
  }

  @Test
  void aRequestSurvivesTheWire() throws IOException {
    Request request = new Request(1, "/tmp/ä b", true, List.of("run", "", "--set", "x=☃"));
    assertEquals(request, Request.decode(request.encode()));
  }

  /** Waits until the server runs a command again: the one it runs now has ended. */
  private void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (attempt("list").code().isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "the cancelled run did not end within 120 s");
      Thread.sleep(100);
    }
  }

  /** Sends {@code request} and receives the server's acceptance. */
  private static ResidentWire accepted(SocketChannel channel, Request request) throws IOException {
    ResidentWire wire = new ResidentWire(channel);
    wire.send(ResidentWire.REQUEST, request.encode());
    assertEquals(ResidentWire.ACCEPTED, wire.receive().kind());
    return wire;
  }

  private byte answer(Request request) throws IOException {
    try (SocketChannel channel = connect()) {
      ResidentWire wire = new ResidentWire(channel);
      wire.send(ResidentWire.REQUEST, request.encode());
      Frame frame = wire.receive();
      return frame == null ? 0 : frame.kind();
    }
  }

  private SocketChannel connect() throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(socket));
  }

  /** A run long enough to be cancelled before it ends, into folder {@code name}. */
  private Request longRun(String name) {
    return request(
        List.of(
            "run",
            "basics/single-node",
            "--duration",
            "20s",
            "--out",
            dir.resolve(name).toString()));
  }

  private static Request request(List<String> args) {
    return new Request(ResidentWire.VERSION, ResidentWire.workingDirectory(), false, args);
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }
}
