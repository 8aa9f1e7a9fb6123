package org.hydrodelta.core.data.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.BasinChecks;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.BasinReport;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.DatasetType;
import org.hydrodelta.core.data.DatasetTypes;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.Usability;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.cache.DatasetCache;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Inspects data the way training would load it and diagnoses every basin. Accepts whatever
 * {@link DatasetTypes#detect} recognises: a CAMELS-US folder (root or a folder containing it, e.g. a sample
 * project), a Caravan folder or a CSV mapping file ({@code *.json}); project files are followed to their dataset by
 * {@code project.ProjectDoctor}.
 */
public final class DataDoctor {
    private static final List<Variable> FORCINGS = List.of(Variable.PRCP, Variable.TMEAN, Variable.PET);

    /**
     * Loads and diagnoses.
     *
     * @param path    folder or mapping file
     * @param options load options (product, basins, period)
     * @return the report
     * @throws DataFormatException when the path holds no recognisable data
     */
    public DoctorReport inspect(Path path, LoadOptions options) {
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new DataFormatException(path, "no such file or folder");
        }
        DatasetTypes.Detection found = DatasetTypes.detect(path).orElseThrow(() -> new DataFormatException(path,
                "no " + DatasetTypes.labels(false) + " data found here or below, and not a "
                        + DatasetTypes.labels(true) + " file"));
        return inspect(found.type(), path, options);
    }

    /**
     * Loads a dataset of a known type and diagnoses it.
     *
     * @param type    the dataset type
     * @param path    its folder (or a folder above it) or description file
     * @param options load options (product, basins, period)
     * @return the report
     * @throws DataFormatException when the path holds no data of that type
     */
    public DoctorReport inspect(DatasetType type, Path path, LoadOptions options) {
        type.checkAvailable(path);
        LoadResult r = DatasetCache.load(DatasetCache.request(path, options), type.sources(path),
                ProgressListener.NONE, () -> type.load(path, options, ProgressListener.NONE, CancellationToken.NONE));
        return diagnose(path, type.label(), r);
    }

    /**
     * Diagnoses an already loaded result.
     *
     * @param source what was loaded
     * @param layout its layout name
     * @param r      the load result
     * @return the report
     */
    public static DoctorReport diagnose(Path source, String layout, LoadResult r) {
        BasinDataset ds = r.dataset();
        List<BasinDiagnosis> out = new ArrayList<>();
        // the same check training makes: a basin training could not use is SKIPPED here too, with its reasons
        List<String> requested = r.reports().stream().map(BasinReport::basinId).toList();
        Map<String, Usability.UnusableBasin> unusable = new java.util.HashMap<>();
        List<DataIssue> issues = new ArrayList<>(r.issues());
        for (Usability.UnusableBasin u : Usability.check(requested, r, true, null)) {
            unusable.put(u.basinId(), u);
            for (DataIssue i : u.reasons()) {
                DataIssue warn = new DataIssue(DataIssue.Severity.WARN, i.file(), i.line(), i.basinId(), i.message());
                int w = issues.indexOf(warn);
                if (w >= 0) {
                    issues.set(w, i);
                } else if (!issues.contains(i)) {
                    issues.add(i);
                }
            }
        }
        for (BasinReport rep : r.reports()) {
            if (rep.usable() && unusable.containsKey(rep.basinId())) {
                Usability.UnusableBasin u = unusable.get(rep.basinId());
                out.add(new BasinDiagnosis(rep.basinId(), false, u.format().substring(("basin " + rep.basinId()
                        + ": ").length()), null, Map.of(), Map.of(), Map.of(), 0, Double.NaN, false, false, null,
                        rep.missingAttributes(), 0));
                continue;
            }
            if (!rep.usable()) {
                out.add(new BasinDiagnosis(rep.basinId(), false, rep.reason(), null, Map.of(), Map.of(), Map.of(), 0,
                        Double.NaN, false, false, null, rep.missingAttributes(), 0));
                continue;
            }
            out.add(diagnoseBasin(ds, ds.basinIndex(rep.basinId()), rep, r.issues()));
        }
        if (ds != null) {
            issues.addAll(HydrologyChecks.check(ds));
        }
        return new DoctorReport(source, layout, out, issues);
    }

    private static BasinDiagnosis diagnoseBasin(BasinDataset ds, int b, BasinReport rep, List<DataIssue> issues) {
        int off = ds.offset(b);
        int first = -1;
        int last = -1;
        if (ds.has(Variable.PRCP)) {
            float[] p = ds.values(Variable.PRCP);
            for (int t = 0; t < ds.nDays(); t++) {
                if (!Float.isNaN(p[off + t])) {
                    if (first < 0) {
                        first = t;
                    }
                    last = t;
                }
            }
        }
        Period period = first < 0 ? null : new Period(ds.date(first), ds.date(last + 1));
        Map<Variable, Double> coverage = new EnumMap<>(Variable.class);
        Map<Variable, Integer> gaps = new EnumMap<>(Variable.class);
        Map<Variable, Integer> longest = new EnumMap<>(Variable.class);
        long dropped = 0;
        if (period != null) {
            int n = last - first + 1;
            for (Variable v : DoctorReport.SHOWN) {
                if (!ds.has(v)) {
                    coverage.put(v, 0.0);
                    gaps.put(v, n > 0 ? 1 : 0);
                    longest.put(v, n);
                    continue;
                }
                float[] a = ds.values(v);
                int missing = 0;
                int runs = 0;
                int run = 0;
                int maxRun = 0;
                for (int t = first; t <= last; t++) {
                    if (Float.isNaN(a[off + t])) {
                        missing++;
                        if (run == 0) {
                            runs++;
                        }
                        run++;
                        maxRun = Math.max(maxRun, run);
                    } else {
                        run = 0;
                    }
                }
                coverage.put(v, (n - missing) / (double) n);
                gaps.put(v, runs);
                longest.put(v, maxRun);
            }
            for (int t = first; t <= last; t++) {
                boolean bad = !ds.has(Variable.QOBS) || Float.isNaN(ds.values(Variable.QOBS)[off + t]);
                for (Variable v : FORCINGS) {
                    bad |= !ds.has(v) || Float.isNaN(ds.values(v)[off + t]);
                }
                if (bad) {
                    dropped++;
                }
            }
        }
        boolean suspicious = (!Double.isNaN(rep.runoffRatio()) && rep.runoffRatio() < BasinChecks.MIN_RUNOFF_RATIO)
                || issues.stream().anyMatch(i -> rep.basinId().equals(i.basinId())
                        && i.message().startsWith("suspicious flow unit"));
        return new BasinDiagnosis(rep.basinId(), true, null, period, coverage, gaps, longest,
                rep.forcingSentinels() + rep.flowSentinels(), rep.runoffRatio(), suspicious, rep.tmaxEqualsTmin(),
                rep.petMethod(), rep.missingAttributes(), dropped);
    }
}
