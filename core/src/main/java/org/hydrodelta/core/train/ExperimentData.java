package org.hydrodelta.core.train;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.camels.CamelsDatasetLoader;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;

/**
 * The data an experiment trains and is evaluated on: its dataset loaded over all its periods, with basins that
 * could not be loaded reported and skipped (never silently), and the day indices of each period.
 *
 * @param dataset    the loaded data
 * @param issues     problems found while loading (skipped basins, warnings)
 * @param datasetRef where it came from
 */
public record ExperimentData(BasinDataset dataset, List<DataIssue> issues, DatasetRef datasetRef) {

    /**
     * Loads an experiment's data.
     *
     * @param project  the project
     * @param config   the experiment configuration
     * @param progress per-basin progress
     * @param cancel   checked between basins
     * @return the data
     * @throws IllegalArgumentException if the dataset is unknown, of an unsupported type, or no basin is usable
     */
    public static ExperimentData load(Project project, ExperimentConfig config, ProgressListener progress,
            CancellationToken cancel) {
        DatasetRef ref = config.dataset() == null ? project.datasets().stream().findFirst().orElseThrow(
                () -> new IllegalArgumentException("the project has no dataset"))
                : project.dataset(config.dataset()).orElseThrow(() -> new IllegalArgumentException("no dataset '"
                        + config.dataset() + "' in the project"));
        List<String> basins = config.basins() != null ? config.basins() : project.basins();
        if (basins.isEmpty()) {
            throw new IllegalArgumentException("no basins selected: the experiment and the project list none");
        }
        LocalDate end = config.testPeriod().end();
        if (config.validationPeriod() != null && config.validationPeriod().end().isAfter(end)) {
            end = config.validationPeriod().end();
        }
        Period all = new Period(config.trainPeriod().start(), end);
        LoadResult r = load(ref, basins, all, config.attributes(), progress, cancel);
        if (r.dataset().nBasins() == 0) {
            List<String> why = new ArrayList<>();
            r.issues().forEach(i -> why.add(i.format()));
            throw new IllegalArgumentException("no usable basin in dataset '" + ref.name() + "': "
                    + String.join("; ", why));
        }
        return new ExperimentData(r.dataset(), r.issues(), ref);
    }

    /**
     * Loads a dataset of any supported type.
     *
     * @param ref        the dataset: {@code camels-us} (a CAMELS folder), {@code caravan} (a Caravan folder) or
     *                   {@code csv} (a CSV mapping file)
     * @param basins     basins to load
     * @param period     days to load
     * @param attributes static attributes wanted; CAMELS names are kept where the data has them, other data
     *                   offers whatever attributes it has
     * @param progress   per-basin progress
     * @param cancel     checked between basins
     * @return the load result
     */
    public static LoadResult load(DatasetRef ref, List<String> basins, Period period, List<String> attributes,
            ProgressListener progress, CancellationToken cancel) {
        org.hydrodelta.core.data.pet.PetChoice pet = petChoice(ref);
        return switch (ref.type()) {
            case "camels-us" -> new CamelsDatasetLoader().load(ref.path(), new LoadOptions(ref.forcing(), basins, period,
                    attributes, null, 0).withPet(pet), progress, cancel);
            // Caravan and CSV carry their own attribute sets: the 35 CAMELS names mostly do not exist there
            case "caravan" -> new org.hydrodelta.core.data.caravan.CaravanDatasetLoader().load(ref.path(),
                    new LoadOptions(null, basins, period, null, null, 0).withPet(pet), progress, cancel);
            case "csv" -> new org.hydrodelta.core.data.csv.CsvDatasetLoader().load(
                    org.hydrodelta.core.data.csv.CsvMapping.read(ref.path()), new LoadOptions(null, basins, period, null,
                            null, 0).withPet(pet), progress, cancel);
            default -> throw new IllegalArgumentException("dataset '" + ref.name() + "' has unknown type '" + ref.type()
                    + "' (camels-us, caravan, csv)");
        };
    }

    /**
     * @param ref a dataset
     * @return where its PET comes from (its {@code pet} option; the data's column by default)
     * @throws IllegalArgumentException naming the dataset when the option is not a PET choice
     */
    public static org.hydrodelta.core.data.pet.PetChoice petChoice(DatasetRef ref) {
        try {
            return org.hydrodelta.core.data.pet.PetChoice.parse(ref.options().get(
                    org.hydrodelta.core.data.pet.PetChoice.KEY));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset '" + ref.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param p a period
     * @return dataset day index of its first day
     */
    public int startIndex(Period p) {
        return dataset.dayIndex(p.start());
    }

    /**
     * @param p a period
     * @return dataset day index one past its last day
     */
    public int endIndex(Period p) {
        return dataset.dayIndex(p.end());
    }

    /** @return every dataset row, in order */
    public int[] allRows() {
        int[] rows = new int[dataset.nBasins()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** @return the folder of the dataset */
    public Path root() {
        return datasetRef.path();
    }
}
