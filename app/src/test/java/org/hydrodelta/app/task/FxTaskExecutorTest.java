package org.hydrodelta.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The two lanes of the FX executor: light work is not held up by a training. */
@ExtendWith(ApplicationExtension.class)
class FxTaskExecutorTest {
    @Start
    void start(Stage stage) {
        // no window needed, only the FX thread
    }

    @Test
    void lightWorkRunsWhileALongTaskHoldsItsLane() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> longDone = new AtomicReference<>();
        AtomicReference<String> lightDone = new AtomicReference<>();
        AtomicReference<String> lightThread = new AtomicReference<>();
        try {
            executor.submitLong("Training", (p, c) -> {
                release.await();
                return "trained";
            }, longDone::set, e -> longDone.set("failed: " + e));
            executor.submit("Inspecting data", (p, c) -> {
                lightThread.set(Thread.currentThread().getName());
                return "inspected";
            }, lightDone::set, e -> lightDone.set("failed: " + e));
            // the inspection finishes although the training has not
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lightDone.get() != null);
            assertThat(lightDone.get()).isEqualTo("inspected");
            assertThat(lightThread.get()).isEqualTo("hydrodelta-worker");
            assertThat(longDone.get()).isNull();
        } finally {
            release.countDown();
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> longDone.get() != null);
        assertThat(longDone.get()).isEqualTo("trained");
        executor.shutdown();
    }
}
