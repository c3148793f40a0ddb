package dev.tradeoff.reports;

import java.util.List;
import java.util.Objects;

/**
 * What happened in a run, to whom, as data a report draws and {@code tradeoff explain} tells: the
 * role timeline (what each node was over time), the witnesses placed in time (with the client and
 * the node that answered), and, around the first violation, a space-time diagram of the messages
 * and client operations. Built by the scenario runner from the kernel's timeline, the history and a
 * bounded trace; written in {@code report.json} as {@code story}.
 *
 * @param lanes the nodes drawn, in order (servers first, then clients that matter)
 * @param roles states on the lanes' tracks, in the order they began
 * @param witnesses each check's witnesses placed in time, in report order
 * @param diagram the space-time diagram around the first violation, or null when there is none
 */
public record Story(
    List<String> lanes, List<Role> roles, List<Witness> witnesses, Diagram diagram) {
  /** A run with nothing to tell (a report written before stories, or built by hand). */
  public static final Story EMPTY = new Story(List.of(), List.of(), List.of(), null);

  /** Copies the lists. */
  public Story {
    lanes = List.copyOf(lanes);
    roles = List.copyOf(roles);
    witnesses = List.copyOf(witnesses);
  }

  /** This story with {@code newDiagram}. */
  public Story withDiagram(Diagram newDiagram) {
    return new Story(lanes, roles, witnesses, newDiagram);
  }

  /**
   * A state held on a lane's track over {@code [startNanos, endNanos)}.
   *
   * @param lane the node
   * @param track {@code process} (crashed, paused), {@code network} (cut off), {@code role} (leader
   *     term N), {@code lease}, or a pattern's own
   * @param state the state in words
   * @param startNanos when it began, true ns
   * @param endNanos when it ended (or the run did), true ns
   */
  public record Role(String lane, String track, String state, long startNanos, long endNanos) {
    /** Rejects nulls. */
    public Role {
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(track, "track");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * A check's witness placed in time.
   *
   * @param check the checker's name
   * @param index the witness's position in the check's witnesses (0-based)
   * @param atNanos when it happened: the start of the witnessing operation, or of the overlap of
   *     the intervals the witness names
   * @param endNanos when the witnessing operation completed, or -1 when unknown
   * @param client the client that issued the operation, or empty
   * @param node the node whose answer completed it, or empty when the history does not know
   * @param what the operation in words ({@code read key 0 → 734}), or empty
   * @param ops the history's operations the checker named, by index, the witnessing one first;
   *     empty when it named none (or named them only in its text)
   * @param related the other operations named (the write a stale read missed, the write it read),
   *     as the diagram draws them
   * @param nodes the nodes the checker named (two leaders, a storage), or empty
   * @param applied what the answering node had applied when it answered ({@code db-0 had applied up
   *     to log index 812}), or empty when it published no position
   */
  public record Witness(
      String check,
      int index,
      long atNanos,
      long endNanos,
      String client,
      String node,
      String what,
      List<Integer> ops,
      List<ClientOp> related,
      List<String> nodes,
      String applied) {
    /** Rejects nulls; copies the lists. */
    public Witness {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(what, "what");
      ops = List.copyOf(ops);
      related = List.copyOf(related);
      nodes = List.copyOf(nodes);
      Objects.requireNonNull(applied, "applied");
    }

    /** A witness placed from its text alone: no operations, related operations or nodes named. */
    public Witness(
        String check,
        int index,
        long atNanos,
        long endNanos,
        String client,
        String node,
        String what) {
      this(
          check, index, atNanos, endNanos, client, node, what, List.of(), List.of(), List.of(), "");
    }

    /** When the last thing it names ends: the latest completion of its operations, or its end. */
    public long lastNanos() {
      long last = Math.max(atNanos, endNanos);
      for (ClientOp op : related) {
        last = Math.max(last, Math.max(op.invokeNanos(), op.completeNanos()));
      }
      return last;
    }

    /** When the first thing it names begins: the earliest invocation among its operations. */
    public long firstNanos() {
      long first = atNanos;
      for (ClientOp op : related) {
        first = Math.min(first, op.invokeNanos());
      }
      return first;
    }
  }

  /**
   * A space-time diagram: a window of true time, the lanes in it, the messages between them and the
   * client operations.
   *
   * @param fromNanos start of the window
   * @param toNanos end of the window
   * @param lanes the lanes, top to bottom
   * @param messages the messages recorded, by send (or arrival) time
   * @param ops the client operations that overlap the window, by invocation
   * @param omitted events the recorder's budget left out
   * @param cut what the diagram's bounds left out, in words ({@code 312 client operations of the
   *     window not drawn}), or empty
   */
  public record Diagram(
      long fromNanos,
      long toNanos,
      List<String> lanes,
      List<Message> messages,
      List<ClientOp> ops,
      long omitted,
      String cut) {
    /** Copies the lists. */
    public Diagram {
      lanes = List.copyOf(lanes);
      messages = List.copyOf(messages);
      ops = List.copyOf(ops);
      Objects.requireNonNull(cut, "cut");
    }

    /** A diagram that left nothing out but what the recorder's budget did. */
    public Diagram(
        long fromNanos,
        long toNanos,
        List<String> lanes,
        List<Message> messages,
        List<ClientOp> ops,
        long omitted) {
      this(fromNanos, toNanos, lanes, messages, ops, omitted, "");
    }
  }

  /**
   * One message.
   *
   * @param from sender
   * @param to receiver
   * @param type the payload's class name
   * @param sentNanos when it was sent, or -1 when before the window
   * @param endNanos when it arrived, was dropped or held, or -1 when after the recording
   * @param fate {@code delivered}, {@code dropped-by-partition}, {@code dropped-by-loss}, {@code
   *     dropped-at-down-node}, {@code held}, {@code deferred} or {@code in-flight}
   */
  public record Message(
      String from, String to, String type, long sentNanos, long endNanos, String fate) {
    /** Rejects nulls. */
    public Message {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(fate, "fate");
    }
  }

  /**
   * A client operation, drawn as a bar from invocation to completion.
   *
   * @param client the client
   * @param what the operation in words
   * @param invokeNanos invoked
   * @param completeNanos completed, or -1 when pending at the end
   * @param status {@code ok}, {@code fail} or {@code info}
   * @param node the node that answered, or empty
   * @param witness whether it is a witness of a violation
   */
  public record ClientOp(
      String client,
      String what,
      long invokeNanos,
      long completeNanos,
      String status,
      String node,
      boolean witness) {
    /** Rejects nulls. */
    public ClientOp {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(node, "node");
    }
  }
}
