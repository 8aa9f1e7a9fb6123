package org.hydrodelta.app.gui.explorer;

import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.RunRef;

/** State of the project explorer: what the open project holds, and the basin filter. No scene graph. */
public final class ProjectExplorerViewModel {
    private final ObservableList<String> datasets = FXCollections.observableArrayList();
    private final ObservableList<BasinRow> basins = FXCollections.observableArrayList();
    private final FilteredList<BasinRow> filteredBasins = new FilteredList<>(basins, b -> true);
    private final ObservableList<String> experiments = FXCollections.observableArrayList();
    private final ObservableList<String> runs = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper basinSummary = new ReadOnlyStringWrapper("");
    private org.hydrodelta.core.project.ProjectAttributes attributes = org.hydrodelta.core.project.ProjectAttributes
            .of(List.of());

    /** Creates an empty explorer. */
    public ProjectExplorerViewModel() {
        filter.addListener((obs, old, text) -> {
            filteredBasins.setPredicate(b -> b.matches(text));
            updateSummary();
        });
    }

    /**
     * Shows a project.
     *
     * @param project the project, or {@code null} to clear
     */
    public void show(Project project) {
        // read once per project (re)load; the properties pane looks basins up here instead of re-reading the tables.
        // A dataset whose data are not where it says (a project copied without them) gives no attributes, and says
        // why in unavailable(), instead of keeping the whole project closed
        List<String> missing = new java.util.ArrayList<>();
        attributes = project == null ? org.hydrodelta.core.project.ProjectAttributes.of(List.of())
                : org.hydrodelta.core.project.ProjectAttributes.available(project, missing::add);
        unavailable = List.copyOf(missing);
        List<BasinRow> rows = project == null ? List.of() : BasinMetadata.rows(project, attributes);
        datasets.setAll(project == null ? List.of() : project.datasets().stream().map(d -> describe(d)
                + (missing.stream().anyMatch(m -> m.contains("dataset '" + d.name() + "'")) ? " - data not found"
                        : "")).toList());
        basins.setAll(rows);
        org.hydrodelta.core.data.AttributeSchema schema = attributes.tables().isEmpty()
                ? org.hydrodelta.core.data.AttributeSchema.CAMELS_US : attributes.tables().get(0).schema();
        areaDescription.set(columnLabel(schema, schema.areaColumn()));
        snowDescription.set(columnLabel(schema, schema.fracSnowColumn()));
        experiments.setAll(project == null ? List.of() : project.experiments().stream().map(Experiment::name).toList());
        showRuns(project);
        updateSummary();
    }

    private List<String> unavailable = List.of();

    /**
     * @return per dataset of the shown project whose data could not be found or read, why (naming the dataset and
     *         the file); empty when all were read
     */
    public List<String> unavailable() {
        return unavailable;
    }

    private final java.util.Map<String, RunRef> runRefs = new java.util.HashMap<>();

    /**
     * Lists a project's runs again (one was added, evaluated or removed).
     *
     * @param project the project, or null
     */
    public void showRuns(Project project) {
        runRefs.clear();
        if (project != null) {
            project.runs().forEach(r -> runRefs.put(r.name(), r));
        }
        runs.setAll(project == null ? List.of() : grouped(project.runs()));
    }

    /**
     * The runs in the project's order, except that the runs of a group stand together where the group's first
     * run stands: its merged held-out result first (when it has one), then its folds or members in order.
     */
    static List<String> grouped(List<RunRef> all) {
        java.util.Map<String, List<RunRef>> groups = new java.util.LinkedHashMap<>();
        for (RunRef r : all) {
            if (r.group() != null) {
                groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>()).add(r);
            }
        }
        List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (RunRef r : all) {
            if (r.group() == null) {
                out.add(r.name());
            } else if (placed.add(r.group())) {
                List<RunRef> parts = groups.get(r.group());
                parts.stream().filter(org.hydrodelta.app.gui.runs.EvaluationChoice::isHeldOut).forEach(p -> out.add(
                        p.name()));
                parts.stream().filter(p -> !org.hydrodelta.app.gui.runs.EvaluationChoice.isHeldOut(p)).forEach(
                        p -> out.add(p.name()));
            }
        }
        return out;
    }

    /**
     * @param runName a run of the shown project
     * @return what the runs list shows: the name and state of a run on its own; for a group's merged held-out
     *         result the group and "held-out, all folds"; for a fold or member, indented under it, its part and name
     */
    public String runLabel(String runName) {
        RunRef r = runRefs.get(runName);
        String state = "  (" + runStatus(runName) + ")";
        if (r == null || r.group() == null) {
            return runName + state;
        }
        if (org.hydrodelta.app.gui.runs.EvaluationChoice.isHeldOut(r)) {
            return "▾ " + r.group() + ": held-out result of all folds" + state;
        }
        return "    " + (r.member() == null ? "part" : r.member()) + " · " + runName + state;
    }

    /**
     * @param runName a run of the shown project
     * @return its entry in the project, if any
     */
    public java.util.Optional<RunRef> run(String runName) {
        return java.util.Optional.ofNullable(runRefs.get(runName));
    }

    /**
     * @param runName a run of the shown project
     * @return its state: "evaluated" when its test evaluation exists; the project's record where that says the run
     *         was interrupted, failed or cancelled; else what the run folder says ("finished", "running",
     *         "created"), with a "running" run whose training process is gone shown as "interrupted"; "missing"
     *         when the folder is gone
     */
    public String runStatus(String runName) {
        RunRef ref = runRefs.get(runName);
        java.nio.file.Path dir = ref == null ? null : ref.path();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            return "missing";
        }
        if (org.hydrodelta.core.eval.RunResults.of(dir).evaluated()) {
            return "evaluated";
        }
        if (RunRef.INTERRUPTED.equals(ref.status()) || RunRef.FAILED.equals(ref.status())
                || RunRef.CANCELLED.equals(ref.status())) {
            return ref.status();
        }
        try {
            String status = org.hydrodelta.core.train.RunFolder.open(dir).readJson("run.json").path("status")
                    .asText("");
            if (RunRef.RUNNING.equals(status) && org.hydrodelta.core.project.RunLock.isStale(dir)) {
                return RunRef.INTERRUPTED; // killed or power loss: nothing holds its lock
            }
            if ("created".equals(status) && RunRef.RUNNING.equals(ref.status())) {
                // the folder is written before the data are loaded and the first iteration runs, and the list is not
                // redrawn at that step: it said "created" for the whole training
                return org.hydrodelta.core.project.RunLock.isStale(dir) ? RunRef.INTERRUPTED : RunRef.RUNNING;
            }
            return status.isEmpty() ? "unknown" : status;
        } catch (java.io.IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    private static String describe(DatasetRef d) {
        return d.name() + " (" + d.type() + (d.forcing() == null ? "" : ", " + d.forcing()) + ")";
    }

    private void updateSummary() {
        basinSummary.set(filteredBasins.size() == basins.size() ? basins.size() + " basins"
                : filteredBasins.size() + " of " + basins.size() + " basins");
    }

    private final ReadOnlyStringWrapper areaDescription = new ReadOnlyStringWrapper(
            columnLabel(org.hydrodelta.core.data.AttributeSchema.CAMELS_US, "area_gages2"));
    private final ReadOnlyStringWrapper snowDescription = new ReadOnlyStringWrapper(
            columnLabel(org.hydrodelta.core.data.AttributeSchema.CAMELS_US, "frac_snow"));

    private static String columnLabel(org.hydrodelta.core.data.AttributeSchema schema, String column) {
        return schema.describe(column).map(d -> d.label(column) + (d.text().equals(d.brief()) ? ""
                : "\n" + d.text())).orElse(column);
    }

    /** @return which attribute the Area column shows, with its description and unit (the header's tooltip) */
    public javafx.beans.property.ReadOnlyStringProperty areaDescriptionProperty() {
        return areaDescription.getReadOnlyProperty();
    }

    /** @return which attribute the snow column shows, with its description (the header's tooltip) */
    public javafx.beans.property.ReadOnlyStringProperty snowDescriptionProperty() {
        return snowDescription.getReadOnlyProperty();
    }

    /** @return the attribute tables of the shown project's datasets, read when it was shown */
    public org.hydrodelta.core.project.ProjectAttributes attributes() {
        return attributes;
    }

    /** @return dataset descriptions */
    public ObservableList<String> datasets() {
        return datasets;
    }

    /** @return all basins of the project */
    public ObservableList<BasinRow> basins() {
        return basins;
    }

    /** @return basins matching the filter */
    public ObservableList<BasinRow> filteredBasins() {
        return filteredBasins;
    }

    /** @return experiment names */
    public ObservableList<String> experiments() {
        return experiments;
    }

    /** @return run names */
    public ObservableList<String> runs() {
        return runs;
    }

    /** @return the basin filter text (id or name) */
    public StringProperty filterProperty() {
        return filter;
    }

    /** @return e.g. "5 of 19 basins" */
    public ReadOnlyStringProperty basinSummaryProperty() {
        return basinSummary.getReadOnlyProperty();
    }
}
