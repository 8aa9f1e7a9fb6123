package org.hydrodelta.core.data.camels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.BasinChecks;
import org.hydrodelta.core.data.BasinInfo;
import org.hydrodelta.core.data.BasinOutcome;
import org.hydrodelta.core.data.BasinReport;
import org.hydrodelta.core.data.BasinSeries;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.ParallelBasinLoader;
import org.hydrodelta.core.data.SourceFile;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * Loads a CAMELS-US folder into a {@link org.hydrodelta.core.data.BasinDataset}: forcing of one product, USGS flow
 * converted to mm/d, the attribute tables, and PET where the data has none. Loading is all or nothing per basin:
 * any error in a basin's files skips that basin with the reason (an ERROR issue and a report), the others load.
 * Basins are parsed in parallel on a fixed pool; results are assembled in basin order, so the dataset does not
 * depend on the thread count.
 */
public final class CamelsDatasetLoader {
    private final CamelsForcingReader forcingReader = new CamelsForcingReader();
    private final CamelsStreamflowReader flowReader = new CamelsStreamflowReader();

    /**
     * Loads the data.
     *
     * @param folder   a CAMELS root or a folder containing one
     * @param options  what to load
     * @param progress per-basin progress
     * @param cancel   checked between basins
     * @return dataset, issues and per-basin reports
     * @throws DataFormatException when the folder holds no CAMELS data or the attribute tables are unreadable
     */
    public LoadResult load(Path folder, LoadOptions options, ProgressListener progress, CancellationToken cancel) {
        CamelsLayout layout = CamelsLayout.locate(folder).orElseThrow(() -> new DataFormatException(folder,
                "no CAMELS-US data here: expected basin_mean_forcing/, usgs_streamflow/ or camels_attributes_v2.0/"
                        + " in this folder or below"));
        List<DataIssue> issues = new ArrayList<>();
        BasinAttributes attrs = null;
        Optional<Path> attrDir = layout.attributesDir();
        if (attrDir.isPresent()) {
            attrs = CamelsAttributes.read(attrDir.get());
            issues.addAll(attrs.issues());
        } else {
            issues.add(DataIssue.warn(layout.root(), null, "no attribute tables (camels_attributes_v2.0/): areas from"
                    + " the forcing headers, no static attributes"));
        }
        String product = chooseProduct(layout, options.product());
        Map<String, Path> forcing = new LinkedHashMap<>();
        for (Path f : layout.forcingFiles(product)) {
            forcing.putIfAbsent(CamelsLayout.basinIdOf(f), f);
        }
        Map<String, Path> flows = new LinkedHashMap<>();
        for (Path f : layout.streamflowFiles()) {
            flows.putIfAbsent(CamelsLayout.basinIdOf(f), f);
        }
        List<String> ids = options.basinIds() != null ? options.basinIds() : new ArrayList<>(forcing.keySet());
        List<String> attrNames = options.attributeNames() != null ? options.attributeNames()
                : attrs != null ? CamelsAttributes.DELTA_MODEL_ATTRIBUTES : List.of();

        final BasinAttributes attributes = attrs;
        return ParallelBasinLoader.load(ids, options.effectiveThreads(),
                id -> loadBasin(id, product, forcing.get(id), flows.get(id), attributes, options, layout.root()),
                options.period(), id -> attributes != null && attributes.contains(id)
                        ? attributes.matrix(List.of(id), attrNames)[0] : ParallelBasinLoader.nanRow(attrNames.size()),
                attrNames, issues, progress, cancel);
    }

    /**
     * Picks the forcing product: the requested one, else daymet, else the first present.
     *
     * @param layout    the folder
     * @param requested product name or null
     * @return the product
     */
    static String chooseProduct(CamelsLayout layout, String requested) {
        List<String> products = layout.forcingProducts();
        if (requested != null) {
            if (!products.contains(requested)) {
                throw new DataFormatException(layout.root().resolve("basin_mean_forcing"), "forcing product '"
                        + requested + "' not found; present: " + (products.isEmpty() ? "none" : String.join(", ", products)));
            }
            return requested;
        }
        if (products.isEmpty()) {
            throw new DataFormatException(layout.root(), "no forcing: basin_mean_forcing/<product>/ is missing");
        }
        return products.contains("daymet") ? "daymet" : products.get(0);
    }

    private BasinOutcome loadBasin(String id, String product, Path forcingFile, Path flowFile, BasinAttributes attrs,
            LoadOptions options, Path root) {
        List<DataIssue> issues = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (forcingFile == null) {
            String reason = "unknown basin id '" + id + "': no forcing file " + id + "_*_forcing_leap.txt under "
                    + root.resolve("basin_mean_forcing").resolve(product);
            issues.add(new DataIssue(DataIssue.Severity.ERROR, null, 0, id, reason));
            return new BasinOutcome(null, BasinReport.skipped(id, reason, files), issues);
        }
        files.add(forcingFile.toString());
        try {
            CamelsForcing f = forcingReader.read(forcingFile);
            List<SourceFile> sources = new ArrayList<>();
            sources.add(new SourceFile(forcingFile.toString(), f.bytes(), f.checksum()));
            EnumMap<Variable, float[]> s = new EnumMap<>(Variable.class);
            put(s, Variable.PRCP, f.column("prcp"));
            put(s, Variable.TMAX, f.column("tmax"));
            put(s, Variable.TMIN, f.column("tmin"));
            put(s, Variable.SRAD, f.column("srad"));
            put(s, Variable.DAYL, f.column("dayl"));
            put(s, Variable.VP, f.column("vp"));
            put(s, Variable.SWE, f.column("swe"));
            BasinChecks.deriveTmean(s);
            boolean inAttrs = attrs != null && attrs.contains(id);
            if (attrs != null && !inAttrs) {
                issues.add(DataIssue.warn(forcingFile, id, "basin " + id + " is not in the attribute tables:"
                        + " area from the forcing header, attributes missing (NaN)"));
            }
            double area = inAttrs ? attrs.areaKm2(id) : Double.NaN;
            String areaSource = "area_gages2";
            if (!(area > 0)) {
                area = f.areaM2() / 1e6;
                areaSource = "forcing header";
            }
            boolean tEq = f.tmaxEqualsTmin();
            double lat = inAttrs && !Double.isNaN(attrs.latitude(id)) ? attrs.latitude(id) : f.latitude();
            String pet = BasinChecks.ensurePet(s, f.start(), lat, f.elevation(), tEq, options.pet(),
                    options.petOverride(), forcingFile, id, issues);
            BasinChecks.reportForcingGaps(s, forcingFile, id, issues);
            int flowSentinels = 0;
            double ratio = Double.NaN;
            java.time.LocalDate start = f.start();
            int nDays = f.nDays();
            if (flowFile == null) {
                issues.add(DataIssue.warn(forcingFile, id, "no streamflow file " + id + "_streamflow_qc.txt: basin"
                        + " usable for simulation, not for training"));
            } else {
                files.add(flowFile.toString());
                CamelsStreamflow q = flowReader.read(flowFile);
                sources.add(new SourceFile(flowFile.toString(), q.bytes(), q.checksum()));
                // flow on the forcing's range: flow days outside it are dropped, days it lacks stay NaN
                float[] aligned = new float[nDays];
                java.util.Arrays.fill(aligned, Float.NaN);
                int shift = (int) (q.start().toEpochDay() - start.toEpochDay());
                int from = Math.max(0, -shift);
                int count = Math.min(q.nDays(), nDays - shift) - from;
                if (count > 0) {
                    q.flowMmPerDay(area, aligned, from + shift, from, count);
                }
                ratio = BasinChecks.runoffRatio(s.get(Variable.PRCP), start, aligned, start);
                BasinChecks.checkFlowUnit(ratio, flowFile, String.format(Locale.ROOT, "converted from ft³/s with"
                        + " area %.2f km² from %s", area, areaSource), id, issues);
                flowSentinels = q.sentinels();
                s.put(Variable.QOBS, aligned);
            }
            String name = inAttrs ? attrs.name(id) : null;
            double lon = inAttrs ? attrs.longitude(id) : Double.NaN;
            BasinInfo info = new BasinInfo(id, name, area, areaSource, lat, lon, f.elevation(), pet);
            List<String> missing = inAttrs ? attrs.missingAttributes(id) : List.of();
            BasinReport report = new BasinReport(id, true, null, files, f.sentinels(), flowSentinels, tEq, pet, ratio,
                    missing);
            return new BasinOutcome(new BasinSeries(id, start, nDays, s, info, sources, report), report, issues);
        } catch (DataFormatException e) {
            return BasinOutcome.skipped(id, files, issues, e);
        }
    }

    private static void put(EnumMap<Variable, float[]> s, Variable v, float[] a) {
        if (a != null) {
            s.put(v, a);
        }
    }
}
