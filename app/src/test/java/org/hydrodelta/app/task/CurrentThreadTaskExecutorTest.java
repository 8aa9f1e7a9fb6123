package org.hydrodelta.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CurrentThreadTaskExecutorTest {
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();

    @Test
    void deliversTheResultAndFullProgress() {
        List<String> results = new ArrayList<>();
        TaskHandle h = executor.submit("sum", (progress, cancel) -> {
            progress.progress(1, 4, "one quarter");
            return "done";
        }, results::add, e -> { });
        assertThat(results).containsExactly("done");
        assertThat(h.stateProperty().get()).isEqualTo(TaskHandle.State.SUCCEEDED);
        assertThat(h.progressProperty().get()).isEqualTo(1.0);
        assertThat(h.messageProperty().get()).isEqualTo("one quarter");
    }

    @Test
    void reportsFailuresWithTheirCause() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        TaskHandle h = executor.submit("fail", (p, c) -> {
            throw new IllegalStateException("basin 01013500: no observations");
        }, r -> { }, error::set);
        assertThat(h.stateProperty().get()).isEqualTo(TaskHandle.State.FAILED);
        assertThat(error.get()).hasMessage("basin 01013500: no observations");
    }

    @Test
    void aCancelledTaskEndsCancelledWithoutCallingEitherHandler() {
        List<Object> calls = new ArrayList<>();
        TaskHandle h = executor.submit("cancel", (p, cancel) -> {
            // the token is cancelled from inside to simulate the user pressing Cancel mid-run
            cancelSelf(cancel);
            cancel.throwIfCancelled();
            return "never";
        }, calls::add, calls::add);
        assertThat(calls).isEmpty();
        assertThat(h.stateProperty().get()).isEqualTo(TaskHandle.State.CANCELLED);
    }

    private static void cancelSelf(org.hydrodelta.core.progress.CancellationToken token) {
        token.cancel();
    }

    @Test
    void formatsRemainingTimeForHumans() {
        assertThat(TaskState.formatSeconds(42.4)).isEqualTo("42 s");
        assertThat(TaskState.formatSeconds(200)).isEqualTo("3 min 20 s");
        assertThat(TaskState.formatSeconds(7500)).isEqualTo("2 h 05 min");
    }
}
