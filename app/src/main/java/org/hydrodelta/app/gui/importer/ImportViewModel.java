package org.hydrodelta.app.gui.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.DatasetTypes;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.LayerRef;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.maps.io.FeatureSet;
import org.hydrodelta.maps.io.MapDataException;
import org.hydrodelta.maps.io.VectorDataReader;
import org.locationtech.jts.geom.Puntal;

/**
 * Import of a data folder into a project: detects its dataset type through {@link DatasetTypes} (a CAMELS-US or
 * Caravan layout, or a CSV column mapping, possibly just built with {@link CsvMappingViewModel}), offers its forcing
 * products, lists the basins found, finds
 * map layers (shapefiles, GeoJSON) beside the data, lets the user add more layers ({@link #addLayer}) with an
 * editable role, and adds dataset, basins and layers to the project in one step. Layers can also be added alone,
 * without a dataset.
 */
public final class ImportViewModel {
    private final Project project;
    private final Path projectDir;
    private final StringProperty layout = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty product = new SimpleStringProperty();
    /** Where PET comes from: one of {@link #PET_CHOICES}. */
    private final StringProperty pet = new SimpleStringProperty(PET_CHOICES.get(0));
    private final ObservableList<String> products = FXCollections.observableArrayList();
    private final ObservableList<String> basins = FXCollections.observableArrayList();
    private final ObservableList<LayerChoice> layers = FXCollections.observableArrayList();
    private final StringProperty layerMessage = new SimpleStringProperty("");
    private final BooleanProperty addLayers = new SimpleBooleanProperty(true);
    private final StringProperty problem = new SimpleStringProperty(
            "Choose a CAMELS-US or Caravan folder, CSV files or a CSV mapping, or add map layers");
    private Path root;
    /** The type of the dataset inspected, null when none is. */
    private DatasetType type;

    /** @param project the project to import into (not saved yet: CSV mappings need a folder chosen) */
    public ImportViewModel(Project project) {
        this(project, null);
    }

    /**
     * @param project    the project to import into
     * @param projectDir the folder of the project file, where CSV mappings are saved; null while unsaved
     */
    public ImportViewModel(Project project, Path projectDir) {
        this.project = project;
        this.projectDir = projectDir;
        product.addListener((o, a, p) -> listBasins());
        name.addListener((o, a, n) -> check());
        addLayers.addListener((o, a, on) -> layers.stream().filter(l -> !l.chosen())
                .forEach(l -> l.includeProperty().set(on)));
    }

    /**
     * Looks at a folder or mapping file and recognises its dataset type ({@link DatasetTypes#detect}).
     *
     * @param folder a CAMELS-US root (or a folder containing one), a Caravan root, or a CSV mapping file (*.json)
     */
    public void inspect(Path folder) {
        root = null;
        type = null;
        products.clear();
        basins.clear();
        layers.removeIf(l -> !l.chosen());
        Optional<DatasetTypes.Detection> found = DatasetTypes.detect(folder);
        if (found.isEmpty()) {
            layout.set("");
            problem.set(folder + ": no " + DatasetTypes.layouts(false) + " data here or below");
            return;
        }
        DatasetType t = found.get().type();
        Path r = found.get().root();
        try {
            layout.set(t.describe(r));
            List<String> offered = t.forcingProducts(r);
            if (offered.isEmpty()) {
                basins.setAll(t.basinIds(r, null));
            }
            // layers beside the data files (for a CSV mapping: beside the CSV files, not beside the mapping, which
            // may live in the project's mappings/)
            findLayers(t.dataFolder(r));
            root = r;
            type = t;
            if (offered.isEmpty()) {
                name.set(unique(t.defaultDatasetName(null)));
            } else {
                products.setAll(offered);
                product.set(offered.get(0));
                listBasins();
            }
            check();
        } catch (RuntimeException e) {
            root = null;
            type = null;
            layout.set("");
            problem.set(e.getMessage());
        }
    }

    /**
     * Takes a CSV mapping just saved by {@link CsvMappingViewModel#save()} as the dataset to import.
     *
     * @param mappingFile the mapping JSON
     * @param datasetName the name to give the dataset (made unique)
     */
    public void useCsvMapping(Path mappingFile, String datasetName) {
        inspect(mappingFile);
        if (type != null && type.describedByFile()) {
            name.set(unique(datasetName));
        }
    }

    /**
     * Reads a map layer to validate it and offers it for import with a guessed role (point layers are gauges).
     * The reader's warnings (e.g. a missing .prj, WGS84 assumed) are kept with the layer and reported.
     *
     * @param file a shapefile (.shp, with its .shx and .dbf beside it) or GeoJSON (.geojson, .json) file
     * @return whether it was added; {@link #layerMessageProperty()} says why not, or what to know
     */
    public boolean addLayer(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (project.layers().stream().anyMatch(l -> l.path().equals(p))) {
            layerMessage.set(p + ": already a layer of the project");
            return false;
        }
        FeatureSet fs;
        try {
            fs = VectorDataReader.read(p);
        } catch (MapDataException e) {
            layerMessage.set("Cannot add the map layer: " + e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            layerMessage.set("Cannot add the map layer: " + p + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            return false;
        }
        if (fs.size() == 0) {
            layerMessage.set("Cannot add the map layer: " + p + ": it has no features");
            return false;
        }
        boolean points = fs.features().stream().allMatch(f -> f.geometry() instanceof Puntal);
        layers.removeIf(l -> l.path().equals(p));
        layers.add(new LayerChoice(p, points ? "gauges" : LayerChoice.guessRole(p), true, fs.warnings()));
        layerMessage.set("Added " + p.getFileName() + " (" + fs.size() + " features)"
                + (fs.warnings().isEmpty() ? "" : "; warning: " + String.join("; ", fs.warnings())));
        check();
        return true;
    }

    private void listBasins() {
        if (type == null || products.isEmpty() || product.get() == null) {
            return;
        }
        basins.setAll(type.basinIds(root, product.get()));
        name.set(unique(type.defaultDatasetName(product.get())));
        check();
    }

    private String unique(String base) {
        String n = base;
        for (int i = 2; project.dataset(n).isPresent(); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    /** Map layers in the data folder and beside it (e.g. {@code data/geo/} next to {@code data/camels-us/}). */
    private void findLayers(Path dataRoot) {
        Path parent = dataRoot.getParent() == null ? dataRoot : dataRoot.getParent();
        try (Stream<Path> s = Files.walk(parent, 4)) {
            s.filter(Files::isRegularFile).filter(p -> {
                String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return f.endsWith(".shp") || f.endsWith(".geojson");
            }).map(p -> p.toAbsolutePath().normalize())
                    .filter(p -> project.layers().stream().noneMatch(l -> l.path().equals(p)))
                    .filter(p -> layers.stream().noneMatch(l -> l.path().equals(p))).sorted().forEach(p -> {
                        LayerChoice l = new LayerChoice(p, LayerChoice.guessRole(p), false, List.of());
                        l.includeProperty().set(addLayers.get());
                        layers.add(l);
                    });
        } catch (IOException e) {
            problem.set("Cannot list map layers under " + parent + ": " + e.getMessage());
        }
    }

    private void check() {
        if (root == null) {
            if (layers.stream().anyMatch(LayerChoice::chosen)) {
                layout.set("Map layers only (no dataset)");
                problem.set("");
            }
            return;
        }
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            problem.set("The dataset needs a name");
        } else if (project.dataset(n).isPresent()) {
            problem.set("The project already has a dataset called '" + n + "'");
        } else if (basins.isEmpty()) {
            problem.set("No basin has " + (product.get() == null ? "" : product.get() + " ") + "forcing files here");
        } else {
            problem.set("");
        }
    }

    /**
     * Adds the dataset, its basins (to the project's selection) and the included map layers with their roles; with
     * no dataset chosen but layers added, only the layers.
     *
     * @throws IllegalStateException if there is a problem ({@link #problemProperty()})
     */
    public void apply() {
        if (!problem.get().isEmpty() || root == null && layers.stream().noneMatch(LayerChoice::chosen)) {
            throw new IllegalStateException(problem.get());
        }
        if (root != null) {
            String petChoice = org.hydrodelta.core.data.pet.PetChoice.parse(pet.get()).toString();
            project.datasets().add(new DatasetRef(name.get().strip(), type.name(), root, products.isEmpty() ? null
                    : product.get(), petChoice.equals("column") ? null : java.util.Map.of(
                            org.hydrodelta.core.data.pet.PetChoice.KEY, petChoice)));
            for (String b : basins) {
                if (!project.basins().contains(b)) {
                    project.basins().add(b);
                }
            }
        }
        for (LayerChoice l : layers) {
            if (l.includeProperty().get()) {
                project.layers().add(new LayerRef(l.path().getFileName().toString(), l.roleProperty().get(),
                        l.path()));
            }
        }
    }

    /** @return the folder of the project file, or null while the project is unsaved */
    public Path projectDir() {
        return projectDir;
    }

    /** @return where CSV mappings built in the dialog are saved: {@code <projectDir>/mappings}, or null */
    public Path mappingsDir() {
        return projectDir == null ? null : projectDir.resolve("mappings");
    }

    /** @return the project imported into */
    public Project project() {
        return project;
    }

    /** @return the dataset type found ("CAMELS-US", "Caravan", "CSV mapping (...)"), or empty */
    public StringProperty layoutProperty() {
        return layout;
    }

    /** @return the dataset name */
    public StringProperty nameProperty() {
        return name;
    }

    /**
     * The PET choices offered: the data's column (computed automatically where there is none), or computed from
     * temperature even where a column exists ({@link org.hydrodelta.core.data.pet.PetChoice}).
     */
    public static final java.util.List<String> PET_CHOICES = java.util.List.of("column", "auto", "hargreaves",
            "priestley-taylor", "hamon");

    /** @return where PET comes from, one of {@link #PET_CHOICES} */
    public StringProperty petProperty() {
        return pet;
    }

    /** @return the chosen forcing product (CAMELS) */
    public StringProperty productProperty() {
        return product;
    }

    /** @return forcing products found */
    public ObservableList<String> products() {
        return products;
    }

    /** @return basins found for the product */
    public ObservableList<String> basins() {
        return basins;
    }

    /** @return map layers offered: found beside the data, and added with {@link #addLayer} */
    public ObservableList<LayerChoice> layers() {
        return layers;
    }

    /** @return the outcome of the last {@link #addLayer}: an error naming the file, warnings, or what was added */
    public StringProperty layerMessageProperty() {
        return layerMessage;
    }

    /** @return whether the layers found are added */
    public BooleanProperty addLayersProperty() {
        return addLayers;
    }

    /** @return what prevents the import, empty when it can proceed */
    public StringProperty problemProperty() {
        return problem;
    }
}
