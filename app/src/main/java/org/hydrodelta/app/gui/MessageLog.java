package org.hydrodelta.app.gui;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every message the workbench gave in this session, kept so that nothing shown briefly in the status bar is lost:
 * status lines, notices (a training finished) and warnings (the data doctor's issues). Bounded, oldest dropped.
 */
public final class MessageLog {
    /** How important a message is. */
    public enum Severity {
        /** A status line. */
        INFO,
        /** Something finished that the user waited for. */
        NOTICE,
        /** A problem that does not stop the work (a data doctor warning). */
        WARNING,
        /** A problem that stops the work. */
        ERROR
    }

    /**
     * One message.
     *
     * @param time     when it was given, to the second
     * @param severity how important
     * @param text     the message
     */
    public record Entry(LocalTime time, Severity severity, String text) {
        @Override
        public String toString() {
            return time + "  " + (severity == Severity.INFO ? "" : severity.name().toLowerCase(java.util.Locale.ROOT)
                    + ": ") + text;
        }
    }

    /** Most messages kept. */
    static final int LIMIT = 5000;

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();

    /**
     * @param severity how important
     * @param text     the message; blank ones are ignored
     */
    public void add(Severity severity, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        entries.add(new Entry(LocalTime.now().truncatedTo(ChronoUnit.SECONDS), severity, text));
        if (entries.size() > LIMIT) {
            entries.remove(0, entries.size() - LIMIT);
        }
    }

    /** @return the messages, oldest first */
    public ObservableList<Entry> entries() {
        return entries;
    }
}
