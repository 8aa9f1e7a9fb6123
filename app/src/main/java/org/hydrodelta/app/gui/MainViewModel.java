package org.hydrodelta.app.gui;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.hydrodelta.app.gui.explorer.ProjectExplorerViewModel;
import org.hydrodelta.app.gui.hydrograph.HydrographViewModel;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;

/** State of the main window: the open project and its file, the title, the status line. */
public final class MainViewModel {
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final javafx.beans.property.BooleanProperty dirty = new javafx.beans.property.SimpleBooleanProperty();
    private final ProjectExplorerViewModel explorer = new ProjectExplorerViewModel();
    private final RecentProjects recent;
    private final TaskExecutor tasks;
    private final ProjectData data;
    private final StringBinding title;
    private final MessageLog messages = new MessageLog();
    /** Counts changes to the project's runs (added, evaluated, removed); views showing runs follow it. */
    private final javafx.beans.property.IntegerProperty runsVersion = new javafx.beans.property
            .SimpleIntegerProperty();
    // the last attribute-sensitivity table read, with its file and modification time (see attributeSensitivity)
    private java.nio.file.Path sensitivityFile;
    private java.nio.file.attribute.FileTime sensitivityModified;
    private org.hydrodelta.core.eval.AttributeSensitivity.Table sensitivityTable;

    /**
     * @param recent where recently opened projects are remembered
     * @param tasks  runs background work (data loading, training)
     */
    public MainViewModel(RecentProjects recent, TaskExecutor tasks) {
        this.recent = recent;
        this.tasks = tasks;
        this.data = new ProjectData(tasks);
        title = Bindings.createStringBinding(() -> project.get() == null ? "HydroDelta Workbench"
                : (dirty.get() ? "• " : "") + project.get().name() + (file.get() == null ? " (unsaved)" : " — "
                        + file.get().getFileName()) + " — HydroDelta Workbench", project, file, dirty);
        status.addListener((o, a, text) -> messages.add(MessageLog.Severity.INFO, text));
    }

    /** @return every message of this session (status lines, notices, warnings) */
    public MessageLog messages() {
        return messages;
    }

    /**
     * Called when a run was added to, evaluated in or removed from the project: refreshes the explorer's run list
     * and tells the views that show runs (results, hydrographs, map) to read them again.
     */
    public void runsChanged() {
        explorer.showRuns(project.get());
        runsVersion.set(runsVersion.get() + 1);
    }

    /** @return a counter that changes whenever the project's runs change (see {@link #runsChanged()}) */
    public javafx.beans.value.ObservableIntegerValue runsVersion() {
        return runsVersion;
    }

    /** Closes the open project (the caller has asked about unsaved changes); the window shows no project. */
    public void closeProject() {
        shownEvaluation.set(null);
        project.set(null);
        file.set(null);
        dirty.set(false);
        explorer.show(null);
        data.datasetProperty().set(null);
        status.set("Project closed");
    }

    /**
     * Opens a project file; on failure the current project stays open and the status says why.
     *
     * @param path the project file
     * @return whether it opened
     */
    public boolean open(Path path) {
        try {
            Project p = ProjectStore.load(path);
            shownEvaluation.set(null);
            explorer.show(p);
            project.set(p);
            file.set(path.toAbsolutePath().normalize());
            recent.add(path);
            data.load(p, status::set);
            dirty.set(false);
            // what a copy without its data lacks, said where the user looks first (the map, opened with the
            // project, is drawn without the layers it cannot read)
            java.util.List<String> missing = new java.util.ArrayList<>(explorer.unavailable());
            p.layers().stream().filter(l -> !java.nio.file.Files.isRegularFile(l.path())).forEach(l -> missing.add(
                    "layer '" + l.name() + "': " + l.path().toAbsolutePath().normalize() + " does not exist"));
            status.set("Opened " + path.getFileName() + ": " + plural(p.basins().size(), "basin") + ", "
                    + plural(p.datasets().size(), "dataset") + ", " + plural(p.experiments().size(), "experiment")
                    + (missing.isEmpty() ? "" : "; DATA NOT FOUND: " + String.join("; ", missing)));
            return true;
        } catch (ProjectException e) {
            status.set("Cannot open: " + e.getMessage());
            return false;
        } catch (DataFormatException e) {
            status.set("Cannot read the attributes of " + path.getFileName() + ": " + e.getMessage());
            explorer.show(project.get()); // the explorer shows the project still open, not half the new one
            return false;
        } catch (RuntimeException e) {
            // anything else a project's files can throw: the window stays up with the project it had, and says why
            // (at start-up this ended the application with an internal error before the window showed)
            System.err.println("cannot open " + path + ":");
            e.printStackTrace();
            status.set("Cannot open " + path.getFileName() + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
            explorer.show(project.get());
            return false;
        }
    }

    /**
     * Points a dataset of the open project at the folder its data are in now ({@link
     * org.hydrodelta.core.project.DataRelocation}), then opens the project again so every view reads them. Refused,
     * with the reason in the status line, for a project with unsaved changes (the project file is read again) or
     * without a file.
     *
     * @param dataset the dataset's name
     * @param folder  the folder chosen
     * @return whether the data were located
     */
    public boolean locateData(String dataset, Path folder) {
        Path f = file.get();
        if (f == null || dirty.get()) {
            status.set("Save the project before locating the data of dataset '" + dataset + "': the project is"
                    + " opened again from its file afterwards");
            return false;
        }
        try {
            String said = org.hydrodelta.core.project.DataRelocation.relocate(f, dataset, folder);
            open(f);
            String now = status.get();
            status.set(said + (now.contains("DATA NOT FOUND") ? "; " + now.substring(now.indexOf("DATA NOT FOUND"))
                    : ""));
            return true;
        } catch (IllegalArgumentException | java.io.IOException | ProjectException | DataFormatException e) {
            status.set("Cannot locate the data of dataset '" + dataset + "': " + e.getMessage());
            return false;
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Starts a new empty, unsaved project. */
    public void newProject() {
        Project p = new Project("Untitled project");
        explorer.show(p);
        project.set(p);
        file.set(null);
        dirty.set(true);
        status.set("New project");
    }

    /**
     * Saves the project to a file (Save As when {@code target} differs from the current file).
     *
     * @param target the file to write
     * @return whether it was saved
     */
    public boolean saveAs(Path target) {
        if (project.get() == null) {
            return false;
        }
        try {
            Snapshot before = Snapshot.of(project.get());
            // saving merges first what another program (a command-line training) saved meanwhile
            ProjectStore.save(project.get(), target);
            Snapshot after = Snapshot.of(project.get());
            if (!before.equals(after)) {
                showMerged(before, after);
            }
            file.set(target.toAbsolutePath().normalize());
            recent.add(target);
            dirty.set(false);
            status.set("Saved " + target.getFileName());
            return true;
        } catch (ProjectException e) {
            status.set(e.getMessage());
            return false;
        }
    }

    /** What the explorer shows of a project's runs and experiments, to tell what a merge changed. */
    private record Snapshot(java.util.List<org.hydrodelta.core.project.RunRef> runs,
            java.util.List<org.hydrodelta.core.project.Experiment> experiments) {
        static Snapshot of(Project p) {
            return new Snapshot(java.util.List.copyOf(p.runs()), java.util.List.copyOf(p.experiments()));
        }
    }

    /** The last problem reading the changed project file, said once rather than at every check. */
    private String diskProblem;

    /**
     * Takes in what another program saved into the open project's file since it was read or saved (a
     * {@code hydrodelta train} entering or ending its run, an {@code experiment} command): runs and experiments it
     * added or changed appear, while the edits not yet saved here stay (a three-way merge by name,
     * {@link ProjectStore#mergeFromDisk}). The window calls this every few seconds and when it gets the focus;
     * saving merges too.
     *
     * @return whether the project changed
     */
    public boolean mergeChangesOnDisk() {
        Project p = project.get();
        Path f = file.get();
        if (p == null || f == null || !java.nio.file.Files.isRegularFile(f) || !ProjectStore.changedOnDisk(p, f)) {
            return false;
        }
        Snapshot before = Snapshot.of(p);
        try {
            ProjectStore.mergeFromDisk(p, f);
            diskProblem = null;
        } catch (ProjectException e) {
            if (!e.getMessage().equals(diskProblem)) {
                diskProblem = e.getMessage();
                messages.add(MessageLog.Severity.WARNING, "The project file changed on disk but cannot be read; the"
                        + " open project is kept and saving replaces the file (the old one is kept as .bak): "
                        + e.getMessage());
            }
            return false;
        }
        Snapshot after = Snapshot.of(p);
        if (before.equals(after)) {
            return false;
        }
        showMerged(before, after);
        return true;
    }

    /** Shows what a merge brought in and says so. */
    private void showMerged(Snapshot before, Snapshot after) {
        java.util.List<String> news = new java.util.ArrayList<>();
        for (org.hydrodelta.core.project.RunRef r : after.runs()) {
            java.util.Optional<org.hydrodelta.core.project.RunRef> old = before.runs().stream()
                    .filter(b -> b.name().equals(r.name())).findFirst();
            if (old.isEmpty()) {
                news.add("run " + r.name() + " added (" + r.status() + ")");
            } else if (!old.get().status().equals(r.status())) {
                news.add("run " + r.name() + " " + r.status());
            }
        }
        before.runs().stream().filter(b -> after.runs().stream().noneMatch(r -> r.name().equals(b.name())))
                .forEach(b -> news.add("run " + b.name() + " removed"));
        if (!before.experiments().equals(after.experiments())) {
            news.add("experiments updated");
            explorer.experiments().setAll(after.experiments().stream()
                    .map(org.hydrodelta.core.project.Experiment::name).toList());
        }
        runsChanged();
        if (!news.isEmpty()) {
            String text = "The project file changed on disk: " + String.join(", ", news)
                    + (dirty.get() ? "; your unsaved changes are kept" : "");
            status.set(text);
        }
    }

    /** Called after datasets, basins or layers changed (an import): refreshes explorer and data, marks the project. */
    public void projectChanged() {
        explorer.show(project.get());
        data.load(project.get(), status::set);
        dirty.set(true);
    }

    /** Called after an experiment was added, edited or renamed: refreshes the explorer and marks the project. */
    public void experimentsChanged() {
        explorer.experiments().setAll(project.get().experiments().stream()
                .map(org.hydrodelta.core.project.Experiment::name).toList());
        dirty.set(true);
    }

    /**
     * Saves a modified project that already has a file (the autosave; an unsaved project waits for Save As).
     *
     * @return whether it saved
     */
    public boolean autosave() {
        return dirty.get() && file.get() != null && saveAs(file.get());
    }

    /** @return whether the project has changes not yet saved */
    public javafx.beans.property.BooleanProperty dirtyProperty() {
        return dirty;
    }

    /**
     * The CAMELS SAC-SMA/Snow-17 benchmark run of a basin, when the project's data folder has one: its simulated
     * snowpack is an independent reference for the HBV snowpack, which is never trained on snow.
     */
    private org.hydrodelta.core.data.csv.DailyTable referenceSwe(String basinId) {
        for (org.hydrodelta.core.project.DatasetRef d : project.get().datasets()) {
            java.nio.file.Path bench = d.path().resolve("benchmark_model_output");
            try {
                // one folder walk per dataset and project, not one per basin clicked
                java.nio.file.Path f = benchmarkFiles.computeIfAbsent(bench, b -> {
                    try {
                        return org.hydrodelta.core.data.camels.CamelsModelOutputReader.index(b);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).get(basinId);
                if (f != null) {
                    return new org.hydrodelta.core.data.camels.CamelsModelOutputReader().read(f);
                }
            } catch (RuntimeException e) {
                status.set("Cannot read the benchmark run of " + basinId + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Benchmark model-output files by benchmark folder, then basin (found once per folder). */
    private final java.util.Map<java.nio.file.Path, java.util.Map<String, java.nio.file.Path>> benchmarkFiles =
            new java.util.HashMap<>();

    /** @return the explorer pane's view model */
    public ProjectExplorerViewModel explorer() {
        return explorer;
    }

    /** @return the open project */
    public ObjectProperty<Project> projectProperty() {
        return project;
    }

    /** @return the open project's file, {@code null} when unsaved */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** @return the status line */
    public StringProperty statusProperty() {
        return status;
    }

    /** @return the window title */
    public StringBinding titleBinding() {
        return title;
    }

    /** @return the executor of background work (training, import, evaluation) */
    public TaskExecutor tasks() {
        return tasks;
    }

    /** @return the open project's data */
    public ProjectData data() {
        return data;
    }

    /**
     * The hydrograph of a basin: observations, and the latest evaluated run's simulation when there is one.
     *
     * @param basinId a basin of the project
     * @return its view model, or empty while the data is still loading (the status says so)
     */
    public java.util.Optional<HydrographViewModel> hydrograph(String basinId) {
        org.hydrodelta.core.data.BasinDataset ds = data.datasetProperty().get();
        if (ds == null || ds.basinIndex(basinId) < 0) {
            status.set("The data of " + basinId + " is still loading or could not be read");
            return java.util.Optional.empty();
        }
        String name = explorer.basins().stream().filter(b -> b.id().equals(basinId)).map(
                org.hydrodelta.app.gui.explorer.BasinRow::name).findFirst().orElse("");
        double area = explorer.basins().stream().filter(b -> b.id().equals(basinId)).mapToDouble(
                org.hydrodelta.app.gui.explorer.BasinRow::areaKm2).findFirst().orElse(Double.NaN);
        org.hydrodelta.core.eval.ResultsReader.BasinSeries sim = null;
        String runName = null;
        org.hydrodelta.core.eval.RunResults evalDir = null;
        java.util.List<org.hydrodelta.core.project.RunRef> runs = project.get().runs();
        org.hydrodelta.app.gui.runs.EvaluationChoice chosen = shownEvaluation.get();
        // the evaluation the window was asked to show (a prediction, another period) first, for the basins it has;
        // else the latest evaluated run's test period
        for (int pass = chosen == null ? 1 : 0; pass < 2 && sim == null; pass++) {
        for (int i = runs.size() - 1; i >= 0 && sim == null; i--) {
            if (pass == 0 && !runs.get(i).name().equals(chosen.run())) {
                continue;
            }
            org.hydrodelta.core.eval.RunResults results = pass == 0
                    ? org.hydrodelta.core.eval.RunResults.of(runs.get(i).path(), chosen.evaluation())
                    : org.hydrodelta.core.eval.RunResults.of(runs.get(i).path());
            try {
                java.util.Optional<org.hydrodelta.core.eval.ResultsReader.BasinSeries> found = results.outputs(basinId);
                if (found.isPresent()) {
                    sim = found.get();
                    runName = pass == 0 && !chosen.evaluation().equals(org.hydrodelta.core.eval.RunResults.TEST)
                            ? runs.get(i).name() + " (" + chosen.evaluation() + ")" : runs.get(i).name();
                    evalDir = results;
                }
            } catch (java.io.IOException e) {
                status.set("Cannot read " + e.getMessage());
            }
        }
        }
        String shown = basinId + (name.isEmpty() ? "" : " " + name) + (runName == null
                ? ": observations (no evaluated run)" : ": observations and run " + runName);
        org.hydrodelta.core.eval.AttributeSensitivity.Table drivers = null;
        try {
            drivers = attributeSensitivity(evalDir);
        } catch (java.io.IOException e) {
            shown += "; cannot read " + e.getMessage();
        }
        status.set(shown);
        java.util.Map<String, float[][]> spread = java.util.Map.of();
        int members = 0;
        if (evalDir != null && evalDir.isEnsemble()) {
            // an ensemble result: the member spread behind the mean flow, every state, flux and parameter
            try {
                spread = evalDir.spread(basinId);
                members = Integer.parseInt(evalDir.info().getOrDefault("members", "0"));
            } catch (java.io.IOException | NumberFormatException e) {
                shown += "; cannot read the ensemble's spread: " + e.getMessage();
                status.set(shown);
            }
        }
        return java.util.Optional.of(new HydrographViewModel(basinId, name, ds, sim, runName).withAreaKm2(area)
                .withSpecs(evalDir == null ? java.util.List.of() : evalDir.outputSpecs(),
                        evalDir == null ? java.util.List.of() : evalDir.parameterSpecs())
                .withReferenceSwe(referenceSwe(basinId)).withAttributeSensitivity(drivers)
                .withSpread(spread, members).withObservations(observations(ds, basinId)));
    }

    /**
     * The auxiliary observations the project's first dataset declares (issue 18) for one basin; a series that
     * cannot be read is left out with a word in the status bar.
     */
    private java.util.List<HydrographViewModel.Observation> observations(org.hydrodelta.core.data.BasinDataset ds,
            String basinId) {
        java.util.List<HydrographViewModel.Observation> out = new java.util.ArrayList<>();
        org.hydrodelta.core.project.DatasetRef d = project.get().datasets().stream().findFirst().orElse(null);
        if (d == null) {
            return out;
        }
        try {
            java.util.List<org.hydrodelta.core.data.auxiliary.ObservationSpec> specs =
                    org.hydrodelta.core.data.auxiliary.ObservationSpec.fromOptions(d.options());
            if (specs.isEmpty()) {
                return out;
            }
            org.hydrodelta.core.data.BasinDataset one = ds.selectBasins(java.util.List.of(basinId));
            org.hydrodelta.core.data.auxiliary.AuxiliaryObservations obs = org.hydrodelta.core.data.auxiliary.AuxiliaryObservations
                    .load(specs, d.type(), d.path(), d.forcing(), one);
            obs.series().forEach((name, s) -> out.add(new HydrographViewModel.Observation(name, s.spec().kind(),
                    one.start(), s.values())));
        } catch (RuntimeException e) {
            status.set("Cannot read the auxiliary observations of " + basinId + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * The attribute sensitivities of an evaluated run, read once per version of the file: a 671-basin table has
     * some 300 000 rows, too many to re-read on the UI thread for every basin opened.
     *
     * @param evalDir the run's results, or null
     * @return the table, or null when the run has none (not a δ run, or evaluated without it)
     * @throws java.io.IOException if the file exists but cannot be read
     */
    private org.hydrodelta.core.eval.AttributeSensitivity.Table attributeSensitivity(
            org.hydrodelta.core.eval.RunResults evalDir) throws java.io.IOException {
        java.nio.file.Path csv = evalDir == null ? null : evalDir.sensitivityFile();
        if (csv == null || !java.nio.file.Files.isRegularFile(csv)) {
            return null;
        }
        java.nio.file.attribute.FileTime modified = java.nio.file.Files.getLastModifiedTime(csv);
        if (!csv.equals(sensitivityFile) || !modified.equals(sensitivityModified)) {
            sensitivityTable = org.hydrodelta.core.eval.ResultsReader.readSensitivity(csv);
            sensitivityFile = csv;
            sensitivityModified = modified;
        }
        return sensitivityTable;
    }

    private final ObjectProperty<org.hydrodelta.app.gui.runs.EvaluationChoice> shownEvaluation =
            new SimpleObjectProperty<>();

    /**
     * @return the evaluation the map and hydrographs show (a prediction, another period or epoch, a holdout
     *         group's merged result); null for the latest evaluated run's test period
     */
    public ObjectProperty<org.hydrodelta.app.gui.runs.EvaluationChoice> shownEvaluationProperty() {
        return shownEvaluation;
    }

    /** @return recently opened projects */
    public RecentProjects recent() {
        return recent;
    }
}
