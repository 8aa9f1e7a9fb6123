package org.hydrodelta.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker's points and updates reach the UI thread in order and in few hand-overs. No assertion depends on how
 * fast either thread runs: the counts asserted hold for any interleaving (1,000 hand-overs 50 ms apart would take
 * the worker about 50 s to post 100,000 points, where it takes well under a second).
 */
class UiFeedTest {
    /** Stands for the FX thread: one thread, runs work in the order posted. */
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
    private final AtomicInteger handOvers = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger mostWaiting = new AtomicInteger();

    /** {@code Platform.runLater} on the fake FX thread, counting runs and how many wait at once. */
    private final Consumer<Runnable> runLater = r -> {
        mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
        uiThread.execute(() -> {
            waiting.decrementAndGet();
            handOvers.incrementAndGet();
            r.run();
        });
    };

    @AfterEach
    void stop() {
        uiThread.shutdownNow();
    }

    @Test
    void aHundredThousandPointsFromAWorkerArriveAllInOrderInFewHandOversWithEveryUpdateInItsPlace()
            throws Exception {
        List<Long> shown = new ArrayList<>();
        List<String> events = new ArrayList<>();
        UiFeed<Long> feed = new UiFeed<>(runLater, shown::addAll, 50);
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            for (long i = 1; i <= 100_000; i++) {
                feed.point(i);
                if (i % 1000 == 0) {
                    long epoch = i / 1000;
                    // an epoch's end: shown after its own points, before the next epoch's
                    feed.update(() -> events.add("epoch " + epoch + " at " + shown.get(shown.size() - 1)));
                }
            }
            feed.update(() -> events.add("finished"));
            feed.update(done::countDown);
        }, "worker");
        worker.start();
        worker.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();

        assertThat(handOvers.get()).as("runLater runs for 100,000 points").isLessThan(1000);
        assertThat(mostWaiting.get()).as("hand-overs waiting at once").isEqualTo(1);
        assertThat(shown).hasSize(100_000);
        for (int i = 0; i < shown.size(); i++) {
            assertThat(shown.get(i)).isEqualTo(i + 1L);
        }
        assertThat(shown.get(shown.size() - 1)).as("the last point is shown").isEqualTo(100_000L);
        List<String> expected = new ArrayList<>();
        for (int e = 1; e <= 100; e++) {
            expected.add("epoch " + e + " at " + e * 1000);
        }
        expected.add("finished");
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void whileTheUiThreadIsBusyEverythingWaitsAsOneHandOver() throws Exception {
        List<Long> shown = Collections.synchronizedList(new ArrayList<>());
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        UiFeed<Long> feed = new UiFeed<>(runLater, shown::addAll, 0);
        CountDownLatch busy = new CountDownLatch(1);
        uiThread.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread worker = new Thread(() -> {
            for (long i = 1; i <= 100_000; i++) {
                feed.point(i);
            }
            feed.update(() -> events.add("epoch at " + shown.size()));
            feed.point(100_001L);
        }, "worker");
        worker.start();
        worker.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(handOvers.get()).as("nothing ran yet").isZero();
        assertThat(waiting.get()).isEqualTo(1);
        busy.countDown();
        uiThread.shutdown();
        assertThat(uiThread.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(handOvers.get()).isEqualTo(1);
        assertThat(events).containsExactly("epoch at 100000");
        assertThat(shown).hasSize(100_001).endsWith(100_001L);
    }

    @Test
    void withoutIntervalOnTheCallingThreadEachPointAndUpdateIsShownAtOnce() {
        List<List<String>> batches = new ArrayList<>();
        List<String> events = new ArrayList<>();
        UiFeed<String> feed = new UiFeed<>(Runnable::run, batches::add, 0);
        feed.point("a");
        assertThat(batches).containsExactly(List.of("a"));
        feed.update(() -> events.add("epoch"));
        assertThat(events).containsExactly("epoch");
        feed.point("b");
        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void drainRunsWhatWaitsNowAndTheHandOverStillPostedFindsNothing() {
        List<Runnable> posted = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        UiFeed<String> feed = new UiFeed<>(posted::add, shown::addAll, 0);
        feed.point("a");
        feed.update(() -> shown.add("epoch"));
        feed.point("b");
        assertThat(posted).hasSize(1);
        // the task's end, reported apart from the feed, shows what the worker posted first
        feed.drain();
        assertThat(shown).containsExactly("a", "epoch", "b");
        posted.get(0).run();
        assertThat(shown).containsExactly("a", "epoch", "b");
        feed.point("c");
        assertThat(posted).as("the next point is posted again").hasSize(2);
        posted.get(1).run();
        assertThat(shown).endsWith("c");
    }
}
