package dev.tradeoff.core.history.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tradeoff.core.history.History;
import dev.tradeoff.core.history.OpKind;
import dev.tradeoff.core.history.OpStatus;
import org.junit.jupiter.api.Test;

/** Histories as other tools write them: Jepsen's etcd timeouts and Porcupine's key-value files. */
final class ForeignHistoryTest {
  @Test
  void timedOutCompletionsOfAJepsenLogReturnNothing() {
    String log =
        String.join(
            "\n",
            "INFO  jepsen.util - 3\t:invoke\t:read\tnil",
            "INFO  jepsen.util - 3\t:fail\t:read\t:timed-out",
            "INFO  jepsen.util - 4\t:invoke\t:read\tnil",
            "INFO  jepsen.util - 4\t:info\t:read\t:timed-out",
            "INFO  jepsen.util - 5\t:invoke\t:write\t2",
            "INFO  jepsen.util - 5\t:info\t:write\t:timed-out",
            "INFO  jepsen.util - 6\t:invoke\t:cas\t[2 4]",
            "INFO  jepsen.util - 6\t:info\t:cas\t:timed-out",
            "");
    History h = HistoryFormat.JEPSEN_LOG.read("etcd.log", log);
    assertEquals(4, h.size());
    assertEquals(OpStatus.FAIL, h.status(0));
    assertEquals(History.NIL, h.result(0));
    assertEquals(OpStatus.INFO, h.status(1));
    assertEquals(2, h.invokeNanos(1)); // zero-based line index of the invocation…
    assertEquals(3, h.completeNanos(1)); // …and of the completion
    assertEquals(2, h.value(2));
    assertEquals(OpStatus.INFO, h.status(3));
    assertEquals(4, h.value(3));
  }

  @Test
  void timedOutCompletionsOfTuplesAndTxnsInEdnReturnNothing() {
    String edn =
        String.join(
            "\n",
            "{:process 0, :type :invoke, :f :write, :value [3 7]}",
            "{:process 0, :type :info, :f :write, :value :timed-out}",
            "{:process 1, :type :invoke, :f :txn, :value [[:r 1 nil] [:r 2 nil]]}",
            "{:process 1, :type :fail, :f :txn, :value :timed-out}",
            "{:process 2, :type :invoke, :f :read, :value nil}",
            "{:process 2, :type :fail, :f :read, :value :timed-out, :error :timeout}");
    History h = HistoryFormat.EDN.read("h.edn", edn);
    assertEquals(4, h.size());
    assertEquals(3, h.key(0));
    assertEquals(OpStatus.INFO, h.status(0));
    assertEquals(OpStatus.FAIL, h.status(1));
    assertEquals(OpStatus.FAIL, h.status(2));
    assertEquals(2, h.snapshotSize(1));
    assertEquals(OpStatus.FAIL, h.status(3));
  }

  @Test
  void anOkReadMustStillReturnAValue() {
    String log =
        "INFO  jepsen.util - 3\t:invoke\t:read\tnil\nINFO  jepsen.util - 3\t:ok\t:read\t:timed-out\n";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> HistoryFormat.JEPSEN_LOG.read("etcd.log", log));
    assertEquals(
        "etcd.log:2:33: expected an integer or nil as the value of :read, got :timed-out",
        e.getMessage());
  }

  @Test
  void porcupineKeyValueOpsBecomeTextWritesAppendsAndReads() {
    String kv =
        String.join(
            "\n",
            "{:process 0, :type :invoke, :f :put, :key \"4\", :value \"x 0 0 y\"}",
            "{:process 0, :type :ok, :f :put, :key \"4\", :value \"x 0 0 y\"}",
            "{:process 1, :type :invoke, :f :append, :key \"4\", :value \"x 1 0 y\"}",
            "{:process 1, :type :ok, :f :append, :key \"4\", :value \"x 1 0 y\"}",
            "{:process 0, :type :invoke, :f :get, :key \"4\", :value nil}",
            "{:process 0, :type :ok, :f :get, :key \"4\", :value \"x 0 0 yx 1 0 y\"}",
            "{:process 2, :type :invoke, :f :get, :key \"12\", :value nil}",
            "{:process 2, :type :ok, :f :get, :key \"12\", :value \"\"}");
    History h = HistoryFormat.detect("c01-ok.txt", kv).read("c01-ok.txt", kv);
    assertEquals(4, h.size());
    assertEquals(OpKind.WRITE, h.kind(0));
    assertEquals(4, h.key(0));
    assertEquals("x 0 0 y", h.text(h.value(0)));
    assertEquals(OpKind.APPEND, h.kind(1));
    assertEquals("x 1 0 y", h.text(h.value(1)));
    assertEquals(OpKind.READ, h.kind(2));
    assertEquals("x 0 0 yx 1 0 y", h.text(h.result(2)));
    assertEquals(12, h.key(3));
    assertEquals("", h.text(h.result(3)));
    assertEquals(h.value(0), h.internText("x 0 0 y")); // equal texts, equal values
    assertNull(h.text(3)); // an integer is no text
    assertNull(h.text(History.NIL));
  }

  @Test
  void aKeyMustBeAnIntegerOrADecimalString() {
    String kv = "{:process 0, :type :invoke, :f :get, :key \"k1\", :value nil}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HistoryFormat.EDN.read("h.edn", kv));
    assertEquals(
        "h.edn:1:43: expected an integer or a decimal string after :key, got \"k1\"",
        e.getMessage());
  }
}
