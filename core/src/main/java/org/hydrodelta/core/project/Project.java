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
}
