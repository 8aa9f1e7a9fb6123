package org.hydrodelta.app.cli;

import java.io.PrintStream;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * A console progress bar for long commands: redrawn in place on a terminal, one line every few seconds otherwise
 * (logs and CI), with percentage and remaining time.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long lastPrint;
    private String stage = "";

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** Starts a new stage (resets nothing but the label printed before the bar). */
    void stage(String label) {
        stage = label;
    }

    @Override
    public void progress(long done, long total, String message) {
        long now = System.nanoTime();
        boolean last = total > 0 && done >= total;
        if (!last && now - lastPrint < (terminal ? 200_000_000L : 5_000_000_000L)) {
            return;
        }
        lastPrint = now;
        StringBuilder line = new StringBuilder(stage);
        if (total > 0) {
            double f = Math.min(1, (double) done / total);
            int filled = (int) Math.round(f * 30);
            line.append(" [").append("#".repeat(filled)).append(".".repeat(30 - filled)).append("] ")
                    .append(String.format("%3.0f%%", 100 * f));
            double elapsed = (now - start) / 1e9;
            if (f > 0 && f < 1) {
                line.append(String.format(" ETA %.0f s", elapsed * (1 - f) / f));
            }
        }
        line.append(' ').append(message);
        if (terminal) {
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
