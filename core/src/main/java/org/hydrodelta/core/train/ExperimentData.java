package org.hydrodelta.core.train;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.DatasetTypes;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.Usability;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;

/**
 * The data an experiment trains and is evaluated on: its dataset loaded over all its periods, with basins that
 * could not be loaded reported and skipped (never silently), and the day indices of each period.
 *
 * @param dataset    the loaded data (usable basins only)
 * @param issues     problems found while loading (skipped basins, warnings)
 * @param datasetRef where it came from
 * @param requested  the basins the experiment asked for, in order
 * @param skipped    requested basins that cannot be used, with the reasons (empty unless loaded with
 *                   {@code skipUnusable})
 */
public record ExperimentData(BasinDataset dataset, List<DataIssue> issues, DatasetRef datasetRef,
        List<String> requested, List<Usability.UnusableBasin> skipped) {

    /**
     * Thrown when requested basins cannot be used and the caller did not allow skipping them; the message lists
     * every such basin with file, line and field, and says how to proceed.
     */
    public static final class UnusableBasinsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Usability.UnusableBasin> unusable;

        UnusableBasinsException(String message, List<Usability.UnusableBasin> unusable) {
            super(message);
            this.unusable = List.copyOf(unusable);
        }

        /** @return the unusable basins */
        public List<Usability.UnusableBasin> unusable() {
            return unusable;
        }
    }

    /**
     * Loads an experiment's data, refusing when any requested basin is unusable.
     *
     * @param project  the project
     * @param config   the experiment configuration
     * @param progress per-basin progress
     * @param cancel   checked between basins
     * @return the data
     * @throws UnusableBasinsException listing every unusable basin
     */
    public static ExperimentData load(Project project, ExperimentConfig config, ProgressListener progress,
            CancellationToken cancel) {
        return load(project, config, false, progress, cancel);
    }

    /**
     * Loads an experiment's data.
     *
     * @param project      the project
     * @param config       the experiment configuration
     * @param skipUnusable whether to go on without the unusable basins (listed in {@link #skipped()}); when
     *                     false, any unusable basin makes loading fail with {@link UnusableBasinsException}
     * @param progress     per-basin progress
     * @param cancel       checked between basins
     * @return the data
     * @throws IllegalArgumentException if the dataset is unknown, of an unsupported type, or no basin is usable
     */
    public static ExperimentData load(Project project, ExperimentConfig config, boolean skipUnusable,
            ProgressListener progress, CancellationToken cancel) {
        return load(project, config, spans(config), skipUnusable, progress, cancel);
    }

    /**
     * Loads an experiment's data over the given spans (those of {@link #spans} and, for an evaluation of another
     * period, that period with its run-up); a span that runs off the forcing is refused by {@link #checkSpans}.
     *
     * @param project      the project
     * @param config       the experiment configuration
     * @param spans        name → the days it needs
     * @param skipUnusable whether to go on without the unusable basins
     * @param progress     per-basin progress
     * @param cancel       checked between basins
     * @return the data
     */
    public static ExperimentData load(Project project, ExperimentConfig config, Map<String, Period> spans,
            boolean skipUnusable, ProgressListener progress, CancellationToken cancel) {
        DatasetRef ref = dataset(project, config.dataset());
        List<String> basins = config.basins() != null ? config.basins() : project.basins();
        if (basins.isEmpty()) {
            throw new IllegalArgumentException("no basins selected: the experiment and the project list none");
        }
        return load(ref, basins, config, spans, true, skipUnusable, progress, cancel);
    }

    /**
     * Loads basins to simulate with a trained run: any basin with forcing and attributes, observed flow or not.
     *
     * @param project      the project
     * @param datasetName  the dataset, or null for the run's own
     * @param basins       the basins, or null for every basin of the dataset
     * @param config       the run's configuration (forcings, attributes, model)
     * @param span         the days the simulation needs, run-up included
     * @param skipUnusable whether to go on without basins that cannot be simulated
     * @param progress     per-basin progress
     * @param cancel       checked between basins
     * @return the data
     * @throws UnusableBasinsException when some basin cannot be simulated and {@code skipUnusable} is false
     */
    public static ExperimentData loadForPrediction(Project project, String datasetName, List<String> basins,
            ExperimentConfig config, Period span, boolean skipUnusable, ProgressListener progress,
            CancellationToken cancel) {
        DatasetRef ref = dataset(project, datasetName != null ? datasetName : config.dataset());
        Map<String, Period> spans = new LinkedHashMap<>();
        spans.put("prediction period", span);
        return load(ref, basins, config, spans, false, skipUnusable, progress, cancel);
    }

    /**
     * @param project the project
     * @param name    a dataset's name, or null for the project's first
     * @return the dataset
     * @throws IllegalArgumentException if the project has no such dataset (naming those it has)
     */
    static DatasetRef dataset(Project project, String name) {
        return name == null ? project.datasets().stream().findFirst().orElseThrow(
                () -> new IllegalArgumentException("the project has no dataset"))
                : project.dataset(name).orElseThrow(() -> new IllegalArgumentException("no dataset '"
                        + name + "' in the project; it has " + project.datasets().stream().map(DatasetRef::name)
                        .toList()));
    }

    private static ExperimentData load(DatasetRef ref, List<String> requested, ExperimentConfig config,
            Map<String, Period> spans, boolean needsFlow, boolean skipUnusable, ProgressListener progress,
            CancellationToken cancel) {
        String option = "--skip-unusable";
        LocalDate first = null;
        LocalDate end = null;
        for (Period p : spans.values()) {
            first = first == null || p.start().isBefore(first) ? p.start() : first;
            end = end == null || p.end().isAfter(end) ? p.end() : end;
        }
        Period all = new Period(first, end);
        LoadResult r = load(ref, requested, all, config.attributes(), progress, cancel);
        // null: every basin of the dataset, those it could load and those it could not
        List<String> basins = requested != null ? requested : r.reports().stream()
                .map(org.hydrodelta.core.data.BasinReport::basinId).distinct().toList();
        List<Usability.UnusableBasin> unusable = Usability.check(basins, r,
                org.hydrodelta.core.model.ModelRegistry.get(config.model()).capabilities().needsNetwork(),
                config.trainPeriod(), needsFlow);
        if (unusable.size() == basins.size()) {
            throw new UnusableBasinsException("no usable basin in dataset '" + ref.name() + "' ("
                    + ref.path() + "): " + Usability.refusal(unusable, basins.size(), option)
                    .replaceFirst("^[^:]*:", ""), unusable);
        }
        checkForcings(config, r.dataset(), ref);
        checkSpans(r.dataset(), spans, ref.name());
        if (!unusable.isEmpty() && !skipUnusable) {
            throw new UnusableBasinsException(Usability.refusal(unusable, basins.size(), option), unusable);
        }
        BasinDataset ds = r.dataset();
        if (!unusable.isEmpty()) {
            List<String> keep = new ArrayList<>(ds.basinIds());
            unusable.forEach(u -> keep.remove(u.basinId()));
            ds = ds.selectBasins(keep);
        }
        return new ExperimentData(ds, r.issues(), ref, List.copyOf(basins), List.copyOf(unusable));
    }

    /** Every forcing the experiment names must be one the dataset supplies. */
    private static void checkForcings(ExperimentConfig config, BasinDataset ds, DatasetRef ref) {
        List<String> supplied = ds.variables().stream().filter(org.hydrodelta.core.data.Variable::isForcing)
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String f : config.forcings()) {
            if (!supplied.contains(f.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("forcings: '" + f + "' is not supplied by dataset '" + ref.name()
                        + "' (" + ref.path() + "); it supplies " + supplied);
            }
        }
    }

    /**
     * The days each period of an experiment needs from the data, warm-up included: the training period itself (its
     * windows warm up inside it); for the validation and test periods the run-up of {@link #runUp} and the period.
     *
     * @param config the configuration
     * @return key (trainPeriod, validationPeriod, testPeriod) → the days it needs
     */
    public static Map<String, Period> spans(ExperimentConfig config) {
        Map<String, Period> spans = new LinkedHashMap<>();
        spans.put("trainPeriod", config.trainPeriod());
        if (config.validationPeriod() != null) {
            spans.put("validationPeriod", new Period(runUp(config, config.validationPeriod()).start(),
                    config.validationPeriod().end()));
        }
        spans.put("testPeriod", new Period(runUp(config, config.testPeriod()).start(), config.testPeriod().end()));
        return spans;
    }

    /**
     * The days a model runs before and up to a scored period: the network and HBV start on its first day and static
     * parameters come from its last day. A period after the end of training without its own warm-up start keeps
     * the test protocol of spec §5.6 (run from the first training day, static parameters from the last training
     * day); any other period (before or inside training, the training period itself, or with
     * {@link Period#warmupStart()}) warms up from its warm-up start, or {@code warmupDays} before it (data before
     * the period), and takes static parameters from the last warm-up day.
     *
     * @param config  the configuration
     * @param scoring a validation or test period
     * @return the run-up
     */
    public static Period runUp(ExperimentConfig config, Period scoring) {
        Period train = config.trainPeriod();
        if (scoring.warmupStart() == null && !scoring.start().isBefore(train.end())) {
            return new Period(train.start(), train.end());
        }
        LocalDate warm = scoring.warmupStart() != null ? scoring.warmupStart()
                : scoring.start().minusDays(config.warmupDays());
        return new Period(warm, scoring.start().isAfter(warm) ? scoring.start() : warm.plusDays(1));
    }

    /**
     * Refuses a period that needs days outside the data (its forcing), naming the first and last usable day.
     *
     * @param ds      the loaded data (over the union of the spans)
     * @param spans   from {@link #spans}
     * @param dataset the dataset name for messages
     * @throws IllegalArgumentException naming the period, the days it needs and the data's usable days
     */
    public static void checkSpans(BasinDataset ds, Map<String, Period> spans, String dataset) {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int b = 0; b < ds.nBasins(); b++) {
            int[] days = usableDays(ds, b);
            first = Math.min(first, days[0]);
            last = Math.max(last, days[1]);
        }
        if (last < 0) {
            throw new IllegalArgumentException("dataset '" + dataset + "' has no precipitation in " + ds.period());
        }
        LocalDate firstDay = ds.date(first);
        LocalDate lastDay = ds.date(last);
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Period> e : spans.entrySet()) {
            Period need = e.getValue();
            String what = e.getKey() + " needs " + need + (e.getKey().equals("trainPeriod") ? ""
                    : " (warm-up included)") + ", but the forcing of dataset '" + dataset + "'";
            if (need.start().isBefore(firstDay) && need.lastDay().isAfter(lastDay)) {
                errors.add(what + " covers only " + firstDay + " .. " + lastDay + " (first and last usable day)");
            } else if (need.start().isBefore(firstDay)) {
                errors.add(what + " starts on " + firstDay + " (the first usable day)");
            } else if (need.lastDay().isAfter(lastDay)) {
                errors.add(what + " ends on " + lastDay + " (the last usable day)");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /**
     * @param ds a dataset
     * @param b  a basin's row
     * @return the day indices of its first and last day with precipitation ({@code MAX_VALUE, -1} when none)
     */
    private static int[] usableDays(BasinDataset ds, int b) {
        int[] out = {Integer.MAX_VALUE, -1};
        if (ds.has(Variable.PRCP)) {
            float[] p = ds.values(Variable.PRCP);
            int off = ds.offset(b);
            for (int t = 0; t < ds.nDays() && out[0] == Integer.MAX_VALUE; t++) {
                out[0] = Float.isNaN(p[off + t]) ? out[0] : t;
            }
            for (int t = ds.nDays() - 1; t >= 0 && out[1] < 0; t--) {
                out[1] = Float.isNaN(p[off + t]) ? out[1] : t;
            }
        }
        return out;
    }

    /**
     * Refuses a span that some basin's forcing does not cover (a simulation needs every day of it for every basin,
     * where training only needs the data somewhere), naming those basins and their first or last usable day.
     *
     * @param ds      the loaded data
     * @param what    what needs the span, e.g. {@code --period validation}
     * @param need    the days it needs, warm-up included
     * @param dataset the dataset name for messages
     * @throws IllegalArgumentException naming the basins that run out and their usable days
     */
    public static void checkSpanEveryBasin(BasinDataset ds, String what, Period need, String dataset) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int b = 0; b < ds.nBasins(); b++) {
            int[] days = usableDays(ds, b);
            String problem;
            if (days[1] < 0) {
                problem = "has no precipitation in " + ds.period();
            } else if (need.start().isBefore(ds.date(days[0]))) {
                problem = "starts on " + ds.date(days[0]) + " (the first usable day)";
            } else if (need.lastDay().isAfter(ds.date(days[1]))) {
                problem = "ends on " + ds.date(days[1]) + " (the last usable day)";
            } else {
                continue;
            }
            groups.computeIfAbsent(problem, k -> new ArrayList<>()).add(ds.basinIds().get(b));
        }
        if (groups.isEmpty()) {
            return;
        }
        List<String> errors = new ArrayList<>();
        groups.forEach((problem, ids) -> errors.add("the forcing of " + (ids.size() == 1 ? "basin " + ids.get(0)
                : ids.size() + " basins (" + String.join(", ", ids.subList(0, Math.min(5, ids.size())))
                        + (ids.size() > 5 ? ", ..." : "") + ")") + " " + problem));
        throw new IllegalArgumentException(what + " needs " + need + " (warm-up included), but in dataset '" + dataset
                + "' " + String.join("; ", errors));
    }

    /**
     * Loads a dataset of any type {@link DatasetTypes} knows.
     *
     * @param ref        the dataset: its {@code type} names the {@link DatasetType} (e.g. {@code camels-us}, a
     *                   CAMELS folder; {@code caravan}, a Caravan folder; {@code csv}, a CSV mapping file)
     * @param basins     basins to load
     * @param period     days to load
     * @param attributes static attributes wanted, selected exactly and in this order; a name the dataset's
     *                   attribute tables lack fails the load naming it and the tables. The experiment default (the
     *                   paper's CAMELS-US list) means the dataset's own model attributes where its tables use other
     *                   names ({@link DatasetType#attributeNames})
     * @param progress   per-basin progress
     * @param cancel     checked between basins
     * @return the load result
     * @throws IllegalArgumentException naming the dataset and the known types when its type is unknown
     */
    public static LoadResult load(DatasetRef ref, List<String> basins, Period period, List<String> attributes,
            ProgressListener progress, CancellationToken cancel) {
        DatasetType type = DatasetTypes.find(ref.type()).orElseThrow(() -> new IllegalArgumentException("dataset '"
                + ref.name() + "' has unknown type '" + ref.type() + "' (" + String.join(", ", DatasetTypes.names())
                + ")"));
        ref.checkAvailable();
        LoadOptions options = new LoadOptions(ref.forcing(), basins, null, type.attributeNames(attributes), null, 0)
                .withPet(petChoice(ref));
        // the whole record is cached (shared by every experiment on these basins and attributes, and with the data
        // doctor's inspect of the project where the attributes are the dataset's default), then cut to the period
        LoadResult full = org.hydrodelta.core.data.cache.DatasetCache.load(
                org.hydrodelta.core.data.cache.DatasetCache.request(ref.path(), options), type.sources(ref.path()),
                progress, () -> type.load(ref.path(), options, progress, cancel));
        return period == null ? full : new LoadResult(full.dataset().select(period), full.issues(), full.reports());
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
