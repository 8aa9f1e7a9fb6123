package org.hydrodelta.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recently opened project files, newest first, kept in a small text file (one path a line) under
 * {@code ~/.config/hydrodelta/} (or the folder named by the system property {@code hydrodelta.config.dir}).
 */
public final class RecentProjects {
    private static final int MAX = 10;
    private final Path store;

    /** @param store the text file that keeps the list */
    public RecentProjects(Path store) {
        this.store = store;
    }

    /** @return the list in the user's configuration folder */
    public static RecentProjects forUser() {
        return new RecentProjects(configDirectory().resolve("recent-projects.txt"));
    }

    /**
     * @return the user's configuration folder: {@code -Dhydrodelta.config.dir} (tests), else
     *         {@code ~/.config/hydrodelta}
     */
    public static Path configDirectory() {
        String dir = System.getProperty("hydrodelta.config.dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".config", "hydrodelta");
    }

    /** @return existing project files, newest first */
    public List<Path> list() {
        try {
            if (!Files.isRegularFile(store)) {
                return List.of();
            }
            return Files.readAllLines(store).stream().filter(s -> !s.isBlank()).map(Path::of)
                    .filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Moves a file to the top of the list.
     *
     * @param file a project file just opened or saved
     */
    public void add(Path file) {
        List<Path> paths = new ArrayList<>(list());
        Path abs = file.toAbsolutePath().normalize();
        paths.remove(abs);
        paths.add(0, abs);
        try {
            Files.createDirectories(store.getParent());
            Files.write(store, paths.stream().limit(MAX).map(Path::toString).toList());
        } catch (IOException e) {
            // the recent list is a convenience: failing to update it must not stop the user's work
        }
    }
}
