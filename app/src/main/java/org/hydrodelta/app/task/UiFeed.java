package org.hydrodelta.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries a worker thread's updates to the UI thread in order, with at most one hand-over waiting for the UI
 * thread at a time, so a worker that reports thousands of times a second (a tiny training's loss per iteration)
 * never floods it. Two kinds of update:
 * <ul>
 * <li>{@link #point points}, frequent and cheap to collect (a loss per iteration): every one arrives, handed over
 * as lists of the points made since the last hand-over;</li>
 * <li>{@link #update updates} (an epoch's result, a message, a run recorded): each runs as given, after the points
 * and updates posted before it, and none is dropped.</li>
 * </ul>
 * A hand-over runs what waits at that moment and lets the next one be posted; with a minimum interval, the next
 * hand-over is posted that long after the last began at the earliest (a timer waits out the rest), so the UI
 * thread takes at most one batch per interval whatever the worker's pace. With no interval and a UI that runs
 * work at once ({@code Runnable::run}, as in tests), each point and update is delivered before
 * {@link #point}/{@link #update} returns.
 *
 * @param <P> the points' type
 */
public final class UiFeed<P> {
    private final Consumer<Runnable> ui;
    private final Consumer<List<P>> points;
    private final long intervalNanos;
    private final ConcurrentLinkedQueue<Object> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastHandOver;

    /** An update among the points. */
    private record Update(Runnable work) {
    }

    /**
     * @param ui       runs work on the UI thread ({@code Platform::runLater})
     * @param points   takes the points of one hand-over, in order, on the UI thread
     * @param interval the least time between two hand-overs, in milliseconds; 0 for none
     */
    public UiFeed(Consumer<Runnable> ui, Consumer<List<P>> points, long interval) {
        if (interval < 0) {
            throw new IllegalArgumentException("interval must be >= 0, was " + interval);
        }
        this.ui = ui;
        this.points = points;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(interval);
        this.lastHandOver = System.nanoTime() - intervalNanos;
    }

    /**
     * Posts a point (any thread).
     *
     * @param point the point
     */
    public void point(P point) {
        waiting.add(point);
        schedule();
    }

    /**
     * Posts an update (any thread); it runs on the UI thread after everything posted before it.
     *
     * @param work the update
     */
    public void update(Runnable work) {
        waiting.add(new Update(work));
        schedule();
    }

    private void schedule() {
        // posted after the work is queued, and only by the thread that turns the flag on: whatever is queued is
        // taken by the hand-over already waiting (the flag goes off as it starts, before it reads the queue) or by
        // the one posted here
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        long wait = intervalNanos == 0 ? 0 : lastHandOver + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            ui.accept(this::handOver);
        } else {
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> ui.accept(this::handOver));
        }
    }

    private void handOver() {
        scheduled.set(false);
        lastHandOver = System.nanoTime();
        drain();
    }

    /**
     * Runs what waits now, in order (UI thread only). A hand-over does this; the owner does it too where whatever
     * the worker posted must be shown before what comes next (the end of a task, reported apart from this feed).
     */
    @SuppressWarnings("unchecked")
    public void drain() {
        List<P> batch = new ArrayList<>();
        Object next;
        while ((next = waiting.poll()) != null) {
            if (next instanceof Update u) {
                if (!batch.isEmpty()) {
                    points.accept(batch);
                    batch = new ArrayList<>();
                }
                u.work().run();
            } else {
                batch.add((P) next);
            }
        }
        if (!batch.isEmpty()) {
            points.accept(batch);
        }
    }
}
