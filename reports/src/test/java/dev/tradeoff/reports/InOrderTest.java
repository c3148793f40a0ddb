package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InOrderTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void resultsComeInTheOrderAddedWhateverOrderTheyFinishIn() {
    CountDownLatch lastDone = new CountDownLatch(1);
    InOrder<String, RuntimeException> tasks = new InOrder<>(pool);
    tasks.add(() -> await(lastDone, "first"));
    tasks.addHere(() -> "here");
    tasks.add(
        () -> {
          lastDone.countDown();
          return "last";
        });
    assertEquals(List.of("first", "here", "last"), tasks.results());
  }

  @Test
  void theFirstFailureInOrderIsThrownAsItWasEvenWhenALaterOneFailedSooner() {
    CountDownLatch laterFailed = new CountDownLatch(1);
    IllegalStateException first = new IllegalStateException("first");
    InOrder<String, RuntimeException> tasks = new InOrder<>(pool);
    tasks.add(
        () -> {
          await(laterFailed, "");
          throw first;
        });
    tasks.add(
        () -> {
          laterFailed.countDown();
          throw new IllegalArgumentException("later");
        });
    assertSame(first, assertThrows(IllegalStateException.class, tasks::results));
  }

  @Test
  void aCheckedExceptionAndAnErrorComeBackAsThemselves() {
    IOException io = new IOException("disk full");
    InOrder<String, IOException> writes = new InOrder<>(pool);
    writes.add(
        () -> {
          throw io;
        });
    assertSame(io, assertThrows(IOException.class, writes::results));

    StackOverflowError deep = new StackOverflowError();
    InOrder<String, RuntimeException> checks = new InOrder<>(pool);
    checks.add(
        () -> {
          throw deep;
        });
    assertSame(deep, assertThrows(StackOverflowError.class, checks::results));
  }

  @Test
  void aFailureIsThrownOnlyOnceEveryTaskHasEnded() {
    CountDownLatch failed = new CountDownLatch(1);
    AtomicBoolean slowEnded = new AtomicBoolean();
    InOrder<String, RuntimeException> tasks = new InOrder<>(pool);
    tasks.add(
        () -> {
          failed.countDown();
          throw new IllegalStateException("fails at once");
        });
    tasks.add(
        () -> {
          await(failed, "");
          sleep(200);
          slowEnded.set(true);
          return "slow";
        });
    assertThrows(IllegalStateException.class, tasks::results);
    assertTrue(slowEnded.get(), "threw while a task was still running");
  }

  @Test
  void onTheSameThreadEachRunsAsItIsAdded() {
    List<String> ran = new ArrayList<>();
    InOrder<Integer, RuntimeException> tasks = new InOrder<>(InOrder.SAME_THREAD);
    tasks.add(() -> ran.add("a") ? 1 : 0);
    assertEquals(List.of("a"), ran);
    tasks.add(() -> ran.add("b") ? 2 : 0);
    assertEquals(List.of("a", "b"), ran);
    assertEquals(List.of(1, 2), tasks.results());
  }

  private static String await(CountDownLatch latch, String value) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return value;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
