package dev.tradeoff.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident JVM's wire: frames of one kind byte, a length and that many bytes, over a Unix
 * domain socket. The client sends one {@link #REQUEST}; the server answers {@link #DECLINED} or
 * {@link #ACCEPTED}. After an acceptance the client sends {@link #GO} unless it has given up
 * waiting, and only then does the command run, so that no command runs both in the server and in a
 * client that gave up. The server then sends any number of {@link #OUT} and {@link #ERR} frames
 * (the command's stdout and stderr, in the order it wrote them) and one {@link #EXIT}; a client
 * interrupted before the exit sends a {@link #CANCEL}.
 *
 * <p>Reads and writes go straight to the channel, which locks them apart, so one thread may wait
 * for a frame while another sends one (streams from {@code Channels} would lock both on one lock).
 * Sends are synchronized: frames from two threads never interleave.
 */
final class ResidentWire {
  static final byte REQUEST = 'Q';
  static final byte CANCEL = 'C';
  static final byte OUT = 'O';
  static final byte ERR = 'E';
  static final byte EXIT = 'X';
  static final byte DECLINED = 'D';
  static final byte ACCEPTED = 'A';
  static final byte GO = 'G';

  /** Bumped whenever a frame's layout changes; a server declines any other. */
  static final int VERSION = 3;

  /** The largest frame either side accepts: a request is a command line, not a file. */
  static final int MAX_FRAME_BYTES = 1 << 24;

  private final SocketChannel channel;
  private final ByteBuffer header = ByteBuffer.allocate(5);

  ResidentWire(SocketChannel channel) {
    this.channel = channel;
  }

  /** One frame: its kind and its bytes. */
  record Frame(byte kind, byte[] payload) {}

  /** A command to run: where, whether at a terminal, and its arguments. */
  record Request(int version, String directory, boolean console, List<String> args) {
    byte[] encode() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(version);
        writeString(out, directory);
        out.writeBoolean(console);
        out.writeInt(args.size());
        for (String arg : args) {
          writeString(out, arg);
        }
      } catch (IOException e) {
        throw new IllegalStateException("writing to memory cannot fail", e);
      }
      return bytes.toByteArray();
    }

    static Request decode(byte[] payload) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
      int version = in.readInt();
      String directory = readString(in);
      boolean console = in.readBoolean();
      int count = in.readInt();
      if (count < 0 || count > payload.length) {
        throw new IOException("a request of " + count + " arguments");
      }
      List<String> args = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        args.add(readString(in));
      }
      return new Request(version, directory, console, List.copyOf(args));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
      int length = in.readInt();
      if (length < 0 || length > MAX_FRAME_BYTES) {
        throw new IOException("a string of " + length + " bytes");
      }
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
  }

  synchronized void send(byte kind, byte[] payload, int offset, int length) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(5).put(kind).putInt(length).flip();
    ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
    ByteBuffer[] both = {head, body};
    while (body.hasRemaining() || head.hasRemaining()) {
      channel.write(both);
    }
  }

  void send(byte kind, byte[] payload) throws IOException {
    send(kind, payload, 0, payload.length);
  }

  void sendExit(int code) throws IOException {
    send(EXIT, ByteBuffer.allocate(4).putInt(code).array());
  }

  /** The next frame, or null if the other side closed the socket between frames. */
  Frame receive() throws IOException {
    header.clear();
    if (!fill(header, true)) {
      return null;
    }
    header.flip();
    byte kind = header.get();
    int length = header.getInt();
    if (length < 0 || length > MAX_FRAME_BYTES) {
      throw new IOException("a frame of " + length + " bytes");
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    fill(body, false);
    return new Frame(kind, body.array());
  }

  private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        if (endAllowed && buffer.position() == 0) {
          return false;
        }
        throw new EOFException("the socket closed inside a frame");
      }
    }
    return true;
  }

  /**
   * Where the launcher sends the output of the resident JVM on {@code socket}: its own lines and
   * anything the JVM itself prints (a crash).
   */
  static Path log(Path socket) {
    String name = socket.getFileName().toString();
    return socket.resolveSibling(name.replaceFirst("\\.sock$", "").concat(".log"));
  }

  /**
   * This JVM's working directory: its path and the identity of the folder the path leads to now, so
   * that a folder deleted and made again under the same path is not taken for the one a resident
   * JVM started in (its relative paths would still lead into the deleted one).
   */
  static String workingDirectory() {
    Path path = Path.of("").toAbsolutePath();
    Object key = fileKey(path);
    return path.toString().concat(key == null ? " (gone)" : " ".concat(String.valueOf(key)));
  }

  /** The identity of the file or folder {@code path} leads to now (device and inode), or null. */
  static Object fileKey(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** An output stream whose writes become frames of one kind. */
  OutputStream stream(byte kind) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        send(kind, new byte[] {(byte) b});
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
          send(kind, b, off, len);
        }
      }
    };
  }
}
