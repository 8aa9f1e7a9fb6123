package org.hydrodelta.app.gui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the "Run on cluster…" dialog remembers between sessions: the Spark master URL and the cluster distribution
 * folder, in {@code cluster.properties} beside the recent projects' list (under {@code ~/.config/hydrodelta/}, or
 * the folder named by the system property {@code hydrodelta.config.dir}).
 */
public final class ClusterSettings {
    /** The master offered when none was remembered: embedded Spark on every core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private static final String MASTER = "master";
    private static final String DISTRIBUTION = "distribution";

    private final Path store;

    /** @param store the properties file that keeps the settings */
    public ClusterSettings(Path store) {
        this.store = store;
    }

    /** @return the settings in the user's configuration folder */
    public static ClusterSettings forUser() {
        return new ClusterSettings(RecentProjects.configDirectory().resolve("cluster.properties"));
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(store)) {
            try (Reader r = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                // a convenience: an unreadable file gives the defaults
            }
        }
        return p;
    }

    /** @return the remembered master URL, else {@value #DEFAULT_MASTER} */
    public String master() {
        String m = read().getProperty(MASTER);
        return m == null || m.isBlank() ? DEFAULT_MASTER : m;
    }

    /** @return the remembered cluster distribution folder, if any */
    public Optional<Path> distribution() {
        String d = read().getProperty(DISTRIBUTION);
        return d == null || d.isBlank() ? Optional.empty() : Optional.of(Path.of(d));
    }

    /**
     * Remembers the master and distribution of a job written or submitted; failing to is not the user's problem.
     *
     * @param master       the master URL
     * @param distribution the distribution folder
     */
    public void remember(String master, Path distribution) {
        Properties p = read();
        p.setProperty(MASTER, master);
        p.setProperty(DISTRIBUTION, distribution.toAbsolutePath().normalize().toString());
        try {
            Files.createDirectories(store.getParent());
            Path tmp = Files.createTempFile(store.getParent(), "cluster", ".properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "HydroDelta Workbench: Run on cluster");
            }
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // remembered settings are a convenience: failing to save them must not stop the user's work
        }
    }
}
