package org.hydrodelta.app;

import org.hydrodelta.app.cli.HydroDeltaCommand;

/** Process entry point of the {@code hydrodelta} launcher. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // the launcher caches loaded datasets (see DatasetCache); -Dhydrodelta.cache=off or a folder overrides
        if (System.getProperty("hydrodelta.cache") == null) {
            System.setProperty("hydrodelta.cache", "on");
        }
        int status = HydroDeltaCommand.create().execute(args);
        // The GUI returns only after its window closes; everything else ends here.
        System.exit(status);
    }
}
