package org.hydrodelta.app.gui.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.data.caravan.CaravanLayout;
import org.hydrodelta.core.data.camels.CamelsLayout;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.LayerRef;
import org.hydrodelta.core.project.Project;

/**
 * Import of a data folder into a project: detects a CAMELS-US or Caravan layout, offers its forcing products,
 * lists the basins found, finds map layers (shapefiles, GeoJSON) beside the data, and adds dataset, basins and
 * layers to the project in one step.
 */
public final class ImportViewModel {
    private final Project project;
    private final StringProperty layout = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty product = new SimpleStringProperty();
    private final ObservableList<String> products = FXCollections.observableArrayList();
    private final ObservableList<String> basins = FXCollections.observableArrayList();
    private final ObservableList<Path> layers = FXCollections.observableArrayList();
    private final BooleanProperty addLayers = new SimpleBooleanProperty(true);
    private final StringProperty problem = new SimpleStringProperty("Choose a CAMELS-US or Caravan folder");
    private Path root;
    private CamelsLayout camels;
    private boolean csv;

    /** @param project the project to import into */
    public ImportViewModel(Project project) {
        this.project = project;
        product.addListener((o, a, p) -> listBasins());
        name.addListener((o, a, n) -> check());
    }

    /**
     * Looks at a folder or mapping file.
     *
     * @param folder a CAMELS-US root (or a folder containing one), a Caravan root, or a CSV mapping file (*.json)
     */
    public void inspect(Path folder) {
        root = null;
        camels = null;
        csv = false;
        products.clear();
        basins.clear();
        layers.clear();
        if (Files.isRegularFile(folder) && folder.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            inspectCsvMapping(folder);
            return;
        }
        Optional<CamelsLayout> c = CamelsLayout.locate(folder);
        Optional<CaravanLayout> v = CaravanLayout.locate(folder);
        if (c.isPresent()) {
            camels = c.get();
            root = camels.root();
            layout.set("CAMELS-US");
            products.setAll(camels.forcingProducts());
            findLayers(root);
            product.set(products.isEmpty() ? null : products.get(0));
            listBasins();
        } else if (v.isPresent()) {
            root = v.get().root();
            layout.set("Caravan");
            List<String> ids = new ArrayList<>();
            for (String prefix : v.get().prefixes()) {
                v.get().timeseriesFiles(prefix).forEach(f -> ids.add(f.getFileName().toString().replaceFirst("\\.csv$",
                        "")));
            }
            basins.setAll(ids);
            findLayers(root);
            name.set(unique("caravan"));
        } else {
            layout.set("");
            problem.set(folder + ": no CAMELS-US (basin_mean_forcing/, usgs_streamflow/, camels_attributes_v2.0/) or "
                    + "Caravan (attributes/, timeseries/) data here or below");
            return;
        }
        check();
    }

    /** A CSV column mapping (one file per basin, a basin list, the columns' roles and units). */
    private void inspectCsvMapping(Path file) {
        try {
            org.hydrodelta.core.data.csv.CsvMapping m = org.hydrodelta.core.data.csv.CsvMapping.read(file);
            basins.setAll(org.hydrodelta.core.data.csv.CsvDatasetLoader.readBasinList(m.resolve(m.basinList)));
            root = file.toAbsolutePath().normalize();
            csv = true;
            layout.set("CSV mapping (" + m.columns.keySet() + ")");
            findLayers(root.getParent());
            name.set(unique("csv"));
            check();
        } catch (RuntimeException e) {
            layout.set("");
            problem.set(e.getMessage());
        }
    }

    private void listBasins() {
        if (camels == null || product.get() == null) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        camels.forcingFiles(product.get()).forEach(f -> ids.add(CamelsLayout.basinIdOf(f)));
        basins.setAll(ids.stream().sorted().toList());
        name.set(unique("camels-" + product.get()));
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
            layers.setAll(s.filter(Files::isRegularFile).filter(p -> {
                String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return f.endsWith(".shp") || f.endsWith(".geojson");
            }).filter(p -> project.layers().stream().noneMatch(l -> l.path().equals(p.toAbsolutePath().normalize())))
                    .sorted().toList());
        } catch (IOException e) {
            problem.set("Cannot list map layers under " + parent + ": " + e.getMessage());
        }
    }

    private void check() {
        if (root == null) {
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
     * Adds the dataset, its basins (to the project's selection) and, if chosen, the map layers.
     *
     * @throws IllegalStateException if there is a problem ({@link #problemProperty()})
     */
    public void apply() {
        if (root == null || !problem.get().isEmpty()) {
            throw new IllegalStateException(problem.get());
        }
        String type = camels != null ? "camels-us" : csv ? "csv" : "caravan";
        project.datasets().add(new DatasetRef(name.get().strip(), type, root, camels != null ? product.get() : null,
                null));
        for (String b : basins) {
            if (!project.basins().contains(b)) {
                project.basins().add(b);
            }
        }
        if (addLayers.get()) {
            for (Path l : layers) {
                String f = l.getFileName().toString().toLowerCase(Locale.ROOT);
                String role = f.contains("state") || f.contains("countr") ? "backdrop"
                        : f.contains("gauge") || f.contains("station") ? "gauges" : "basins";
                project.layers().add(new LayerRef(l.getFileName().toString(), role, l.toAbsolutePath().normalize()));
            }
        }
    }

    /** @return "CAMELS-US", "Caravan" or empty */
    public StringProperty layoutProperty() {
        return layout;
    }

    /** @return the dataset name */
    public StringProperty nameProperty() {
        return name;
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

    /** @return map layers found */
    public ObservableList<Path> layers() {
        return layers;
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
