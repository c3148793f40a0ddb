package dev.tradeoff.reports;

import static dev.tradeoff.reports.JsonRead.arr;
import static dev.tradeoff.reports.JsonRead.integer;
import static dev.tradeoff.reports.JsonRead.obj;
import static dev.tradeoff.reports.JsonRead.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}'s {@code story} member ({@link Story}), written and read back; documented in
 * {@code docs/report-format.md}. Times are exact milliseconds; an unknown time is {@code null}.
 * {@code read(write(s))} equals {@code s}.
 */
final class StoryJson {
  private StoryJson() {}

  static Map<String, Object> write(Story s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lanes", new ArrayList<Object>(s.lanes()));
    List<Object> roles = new ArrayList<>();
    for (Story.Role r : s.roles()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("lane", r.lane());
      o.put("track", r.track());
      o.put("state", r.state());
      o.put("startMs", ms(r.startNanos()));
      o.put("endMs", ms(r.endNanos()));
      roles.add(o);
    }
    m.put("roles", roles);
    List<Object> witnesses = new ArrayList<>();
    for (Story.Witness w : s.witnesses()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("check", w.check());
      o.put("index", (long) w.index());
      o.put("atMs", ms(w.atNanos()));
      o.put("endMs", ms(w.endNanos()));
      o.put("client", w.client());
      o.put("node", w.node());
      o.put("what", w.what());
      List<Object> ops = new ArrayList<>();
      for (int op : w.ops()) {
        ops.add((long) op);
      }
      o.put("ops", ops);
      List<Object> related = new ArrayList<>();
      for (Story.ClientOp op : w.related()) {
        related.add(op(op));
      }
      o.put("related", related);
      o.put("nodes", new ArrayList<Object>(w.nodes()));
      o.put("applied", w.applied());
      witnesses.add(o);
    }
    m.put("witnesses", witnesses);
    m.put("diagram", s.diagram() == null ? null : diagram(s.diagram()));
    return m;
  }

  private static Map<String, Object> diagram(Story.Diagram d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fromMs", ms(d.fromNanos()));
    m.put("toMs", ms(d.toNanos()));
    m.put("lanes", new ArrayList<Object>(d.lanes()));
    List<Object> messages = new ArrayList<>();
    for (Story.Message x : d.messages()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("from", x.from());
      o.put("to", x.to());
      o.put("type", x.type());
      o.put("sentMs", ms(x.sentNanos()));
      o.put("endMs", ms(x.endNanos()));
      o.put("fate", x.fate());
      messages.add(o);
    }
    m.put("messages", messages);
    List<Object> ops = new ArrayList<>();
    for (Story.ClientOp op : d.ops()) {
      ops.add(op(op));
    }
    m.put("ops", ops);
    m.put("omitted", d.omitted());
    m.put("cut", d.cut());
    return m;
  }

  private static Map<String, Object> op(Story.ClientOp op) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("client", op.client());
    o.put("what", op.what());
    o.put("invokeMs", ms(op.invokeNanos()));
    o.put("completeMs", ms(op.completeNanos()));
    o.put("status", op.status());
    o.put("node", op.node());
    o.put("witness", op.witness());
    return o;
  }

  private static Object ms(long nanos) {
    return nanos < 0 ? null : new Json.Num(Numbers.exactMs(nanos));
  }

  private static long nanos(Object o, String what) {
    return o == null ? -1 : JsonRead.nanos(o, what);
  }

  /** The story in {@code o}; {@link Story#EMPTY} when absent (a report written before stories). */
  static Story read(Object o) {
    if (o == null) {
      return Story.EMPTY;
    }
    Map<String, Object> m = obj(o, "story");
    List<Story.Role> roles = new ArrayList<>();
    for (Object x : arr(m.get("roles"), "story.roles")) {
      Map<String, Object> r = obj(x, "story.roles[]");
      roles.add(
          new Story.Role(
              str(r.get("lane"), "story.roles[].lane"),
              str(r.get("track"), "story.roles[].track"),
              str(r.get("state"), "story.roles[].state"),
              nanos(r.get("startMs"), "story.roles[].startMs"),
              nanos(r.get("endMs"), "story.roles[].endMs")));
    }
    List<Story.Witness> witnesses = new ArrayList<>();
    for (Object x : arr(m.get("witnesses"), "story.witnesses")) {
      Map<String, Object> w = obj(x, "story.witnesses[]");
      witnesses.add(
          new Story.Witness(
              str(w.get("check"), "story.witnesses[].check"),
              (int) integer(w.get("index"), "story.witnesses[].index"),
              nanos(w.get("atMs"), "story.witnesses[].atMs"),
              nanos(w.get("endMs"), "story.witnesses[].endMs"),
              str(w.get("client"), "story.witnesses[].client"),
              str(w.get("node"), "story.witnesses[].node"),
              str(w.get("what"), "story.witnesses[].what"),
              ints(w.get("ops"), "story.witnesses[].ops"),
              ops(w.get("related"), "story.witnesses[].related"),
              w.get("nodes") == null
                  ? List.of()
                  : strings(w.get("nodes"), "story.witnesses[].nodes"),
              w.get("applied") == null ? "" : str(w.get("applied"), "story.witnesses[].applied")));
    }
    Object d = m.get("diagram");
    return new Story(
        strings(m.get("lanes"), "story.lanes"),
        roles,
        witnesses,
        d == null ? null : diagram(obj(d, "story.diagram")));
  }

  private static Story.Diagram diagram(Map<String, Object> d) {
    List<Story.Message> messages = new ArrayList<>();
    for (Object x : arr(d.get("messages"), "story.diagram.messages")) {
      Map<String, Object> m = obj(x, "story.diagram.messages[]");
      messages.add(
          new Story.Message(
              str(m.get("from"), "story.diagram.messages[].from"),
              str(m.get("to"), "story.diagram.messages[].to"),
              str(m.get("type"), "story.diagram.messages[].type"),
              nanos(m.get("sentMs"), "story.diagram.messages[].sentMs"),
              nanos(m.get("endMs"), "story.diagram.messages[].endMs"),
              str(m.get("fate"), "story.diagram.messages[].fate")));
    }
    return new Story.Diagram(
        nanos(d.get("fromMs"), "story.diagram.fromMs"),
        nanos(d.get("toMs"), "story.diagram.toMs"),
        strings(d.get("lanes"), "story.diagram.lanes"),
        messages,
        ops(d.get("ops"), "story.diagram.ops"),
        integer(d.get("omitted"), "story.diagram.omitted"),
        d.get("cut") == null ? "" : str(d.get("cut"), "story.diagram.cut"));
  }

  private static List<Story.ClientOp> ops(Object array, String what) {
    List<Story.ClientOp> ops = new ArrayList<>();
    if (array == null) {
      return ops;
    }
    for (Object x : arr(array, what)) {
      Map<String, Object> o = obj(x, what + "[]");
      Object witness = o.get("witness");
      if (!(witness instanceof Boolean)) {
        throw new IllegalArgumentException(what + "[].witness: expected a boolean");
      }
      ops.add(
          new Story.ClientOp(
              str(o.get("client"), what + "[].client"),
              str(o.get("what"), what + "[].what"),
              nanos(o.get("invokeMs"), what + "[].invokeMs"),
              nanos(o.get("completeMs"), what + "[].completeMs"),
              str(o.get("status"), what + "[].status"),
              str(o.get("node"), what + "[].node"),
              (Boolean) witness));
    }
    return ops;
  }

  private static List<Integer> ints(Object array, String what) {
    List<Integer> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (Object x : arr(array, what)) {
      out.add((int) integer(x, what + "[]"));
    }
    return out;
  }

  private static List<String> strings(Object o, String what) {
    List<String> out = new ArrayList<>();
    for (Object x : arr(o, what)) {
      out.add(str(x, what + "[]"));
    }
    return out;
  }
}
