package org.hydrodelta.app.gui.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A map layer offered by the import: found beside the data or added by the user, with an editable role and whether
 * it is added to the project.
 */
public final class LayerChoice {
    /** The roles a layer can have in the project. */
    public static final List<String> ROLES = List.of("basins", "gauges", "backdrop");

    private final Path path;
    private final boolean chosen;
    private final StringProperty role;
    private final BooleanProperty include = new SimpleBooleanProperty(true);
    private final List<String> warnings;

    /**
     * @param path     the layer file (absolute, normalised)
     * @param role     initial role, one of {@link #ROLES}
     * @param chosen   whether the user added it explicitly (kept when another folder is inspected)
     * @param warnings what the reader warned about (e.g. no .prj, WGS84 assumed), may be empty
     */
    public LayerChoice(Path path, String role, boolean chosen, List<String> warnings) {
        this.path = path;
        this.role = new SimpleStringProperty(role);
        this.chosen = chosen;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Guesses a layer's role from its file name: states or countries are a backdrop, gauges or stations are
     * gauges, anything else basins.
     *
     * @param file the layer file
     * @return one of {@link #ROLES}
     */
    public static String guessRole(Path file) {
        String f = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return f.contains("state") || f.contains("countr") ? "backdrop"
                : f.contains("gauge") || f.contains("station") ? "gauges" : "basins";
    }

    /** @return the layer file */
    public Path path() {
        return path;
    }

    /** @return whether the user added it (rather than it being found beside the data) */
    public boolean chosen() {
        return chosen;
    }

    /** @return basins, gauges or backdrop */
    public StringProperty roleProperty() {
        return role;
    }

    /** @return whether it is added to the project on import */
    public BooleanProperty includeProperty() {
        return include;
    }

    /** @return the reader's warnings */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return path.getFileName() + " (" + role.get() + ")";
    }
}
