package dev.tradeoff.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every fault record is registered once, under a unique type, with a kind among the kinds. */
class FaultTypesTest {
  @Test
  void everyRecordOfEveryFamilyIsRegisteredOnce() {
    List<Class<?>> permitted = new ArrayList<>();
    for (Class<?> family : Fault.class.getPermittedSubclasses()) {
      permitted.addAll(List.of(family.getPermittedSubclasses()));
    }
    List<Class<?>> registered = new ArrayList<>(FaultTypes.records());
    permitted.sort((a, b) -> a.getName().compareTo(b.getName()));
    registered.sort((a, b) -> a.getName().compareTo(b.getName()));
    assertEquals(permitted, registered);
    List<String> types = FaultTypes.all().stream().map(FaultTypes.Entry::type).toList();
    assertEquals(types.size(), new HashSet<>(types).size(), types.toString());
    for (FaultTypes.Entry e : FaultTypes.all()) {
      assertTrue(Fault.KINDS.contains(e.kind()), e.toString());
    }
    assertEquals(new java.util.TreeSet<>(types), FaultJson.types());
  }

  @Test
  void recordsAnswerFromTheRegistry() {
    assertEquals(
        "partition",
        new NetworkFault.Isolate("n1", dev.tradeoff.core.kernel.PartitionMode.DROP).kind());
    assertEquals(Fault.DurationRule.REQUIRED, new NodeFault.Pause("n1").durationRule());
    assertEquals(Fault.DurationRule.NONE, new NodeFault.Restart("n1").durationRule());
  }
}
