package org.hydrodelta.app.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.CancelledException;

/**
 * Runs a written {@link ClusterJob} as a child process ({@code /bin/sh job.sh} in the project's folder), hands each
 * line of its output and error streams to the caller as it comes, and destroys the whole process tree (children
 * first, then the job) when cancelled. No JavaFX: the caller decides on which thread the lines are shown.
 */
public final class ClusterJobProcess {
    /** Lines of the error stream kept for the failure message. */
    public static final int TAIL = 5;

    /** How often cancellation is checked while the job runs. */
    private static final long POLL_MS = 100;

    private ClusterJobProcess() {
    }

    /**
     * How a job ended.
     *
     * @param exitCode   the process's exit code
     * @param stderrTail the last {@link #TAIL} lines of its error stream
     */
    public record Outcome(int exitCode, List<String> stderrTail) {
        /** @return whether the job succeeded (exit code 0) */
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs a job and waits for its end.
     *
     * @param job    a job whose folder has been written ({@link ClusterJob#write()})
     * @param stdout receives each line of the output stream (on a reader thread)
     * @param stderr receives each line of the error stream (on a reader thread)
     * @param cancel checked while the job runs
     * @return the exit code and the last lines of the error stream
     * @throws IOException          if the process cannot be started
     * @throws InterruptedException if the waiting thread is interrupted (the process tree is destroyed)
     * @throws CancelledException   when cancelled (the process tree is destroyed)
     */
    public static Outcome run(ClusterJob job, Consumer<String> stdout, Consumer<String> stderr,
            CancellationToken cancel) throws IOException, InterruptedException {
        Path workDir = job.request().projectFile().getParent();
        Process p = new ProcessBuilder("/bin/sh", job.script().toString()).directory(workDir.toFile()).start();
        p.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread out = pump(p.getInputStream(), stdout, null, job.name() + "-stdout");
        Thread err = pump(p.getErrorStream(), stderr, tail, job.name() + "-stderr");
        try {
            while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    destroyTree(p);
                    throw new CancelledException();
                }
            }
        } catch (InterruptedException e) {
            destroyTree(p);
            throw e;
        }
        // the streams end when the last process holding them does
        out.join(TimeUnit.SECONDS.toMillis(10));
        err.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (tail) {
            return new Outcome(p.exitValue(), List.copyOf(tail));
        }
    }

    /**
     * Destroys a process and everything it started: its descendants first (a launcher's JVM, Spark's workers),
     * then itself, waiting a little for each to go before forcing it.
     *
     * @param p the process
     */
    public static void destroyTree(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        for (ProcessHandle h : children) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, Consumer<String> sink, Deque<String> tail, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (tail != null) {
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > TAIL) {
                                tail.removeFirst();
                            }
                        }
                    }
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process was destroyed: its streams close
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
