package org.hydrodelta.core.project;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open project: datasets, the selected basins, map layers, experiments and runs. Mutable; the workbench
 * edits it and {@link ProjectStore} saves it. Paths are absolute in memory and relative on disk.
 */
public final class Project {
    private String name;
    private String description = "";
    private Instant created;
    private Instant modified;
    private final List<DatasetRef> datasets = new ArrayList<>();
    private final List<String> basins = new ArrayList<>();
    private final List<LayerRef> layers = new ArrayList<>();
    private final List<Experiment> experiments = new ArrayList<>();
    private final List<RunRef> runs = new ArrayList<>();
    // what the file on disk held when this project was last read or saved: a save merges what others added since
    private final java.util.Map<String, RunRef> baselineRuns = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Experiment> baselineExperiments = new java.util.LinkedHashMap<>();
    private String diskFingerprint;

    /**
     * Creates an empty project.
     *
     * @param name display name
     */
    public Project(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.created = Instant.now();
        this.modified = created;
    }

    /** @return display name */
    public String name() {
        return name;
    }

    /** @param name new display name */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return free-text description (provenance, purpose) */
    public String description() {
        return description;
    }

    /** @param description new description; {@code null} means empty */
    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    /** @return when the project was created */
    public Instant created() {
        return created;
    }

    /** @return when the project was last saved */
    public Instant modified() {
        return modified;
    }

    void setTimestamps(Instant created, Instant modified) {
        this.created = created;
        this.modified = modified;
    }

    /** @return the datasets, mutable */
    public List<DatasetRef> datasets() {
        return datasets;
    }

    /** @return the selected basin ids (strings, leading zeros kept), mutable */
    public List<String> basins() {
        return basins;
    }

    /** @return the map layers, mutable */
    public List<LayerRef> layers() {
        return layers;
    }

    /** @return the experiments, mutable */
    public List<Experiment> experiments() {
        return experiments;
    }

    /** @return the runs, mutable */
    public List<RunRef> runs() {
        return runs;
    }

    /**
     * @param datasetName a dataset name
     * @return that dataset, if the project has it
     */
    public Optional<DatasetRef> dataset(String datasetName) {
        return datasets.stream().filter(d -> d.name().equals(datasetName)).findFirst();
    }

    /**
     * @param experimentName an experiment name
     * @return that experiment, if the project has it
     */
    public Optional<Experiment> experiment(String experimentName) {
        return experiments.stream().filter(e -> e.name().equals(experimentName)).findFirst();
    }

    /**
     * @param runName a run name
     * @return that run, if the project has it
     */
    public Optional<RunRef> run(String runName) {
        return runs.stream().filter(r -> r.name().equals(runName)).findFirst();
    }

    /**
     * Adds a run or replaces the one of the same name (a resumed run keeps its entry).
     *
     * @param run the run
     */
    public void putRun(RunRef run) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(run.name())) {
                runs.set(i, run);
                return;
            }
        }
        runs.add(run);
    }

    /** @return the fingerprint of the file as last read or saved, or null for a project never on disk */
    public String diskFingerprint() {
        return diskFingerprint;
    }

    void markSynced(String fingerprint, List<RunRef> diskRuns, List<Experiment> diskExperiments) {
        this.diskFingerprint = fingerprint;
        baselineRuns.clear();
        diskRuns.forEach(r -> baselineRuns.put(r.name(), r));
        baselineExperiments.clear();
        diskExperiments.forEach(e -> baselineExperiments.put(e.name(), e));
    }

    java.util.Map<String, RunRef> baselineRuns() {
        return baselineRuns;
    }

    java.util.Map<String, Experiment> baselineExperiments() {
        return baselineExperiments;
    }
}
