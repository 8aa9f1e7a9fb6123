package org.hydrodelta.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalisation statistics (spec §4.2): for every network input {@code [p10, p90, mean, std]}, computed on the
 * training basins and training period only, with population std (ddof 0) and std replaced by 1 when below 0.001.
 * Precipitation is first transformed by {@code log10(sqrt(P) + 0.1)} and its statistics are those of the
 * transformed values. Attributes are z-scored over the training basins (one value per basin). Applying the
 * statistics turns NaN into 0 <em>after</em> normalisation (missing = the training mean). Saved with a run as JSON
 * and reloaded for evaluation so test data is normalised with the training statistics.
 */
public final class NormalizationStats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Statistics of one input.
     *
     * @param p10  10th percentile (numpy linear interpolation)
     * @param p90  90th percentile
     * @param mean mean
     * @param std  population standard deviation, 1 when below 0.001
     */
    public record Stat(@JsonProperty("p10") double p10, @JsonProperty("p90") double p90,
            @JsonProperty("mean") double mean, @JsonProperty("std") double std) {
        /**
         * Jackson creator.
         *
         * @param p10  10th percentile
         * @param p90  90th percentile
         * @param mean mean
         * @param std  standard deviation
         */
        @JsonCreator
        public Stat {
        }
    }

    private final List<Variable> forcings;
    private final List<String> attributeNames;
    private final Map<String, Stat> stats;
    private final List<String> trainBasins;
    private final Period trainPeriod;
    private final String dataFingerprint;
    private final Map<String, double[]> attributeRanges;

    private NormalizationStats(List<Variable> forcings, List<String> attributeNames, Map<String, Stat> stats,
            List<String> trainBasins, Period trainPeriod, String dataFingerprint, Map<String, double[]> ranges) {
        this.attributeRanges = ranges;
        this.forcings = List.copyOf(forcings);
        this.attributeNames = List.copyOf(attributeNames);
        this.stats = stats;
        this.trainBasins = List.copyOf(trainBasins);
        this.trainPeriod = trainPeriod;
        this.dataFingerprint = dataFingerprint;
    }

    /**
     * Computes the statistics.
     *
     * @param ds       the dataset
     * @param basinIds the training basins
     * @param period   the training period
     * @param forcings the forcing inputs in network order (the delta model: PRCP, TMEAN, PET)
     * @return the statistics for those forcings and all of the dataset's attributes
     * @throws IllegalArgumentException when a forcing is absent or the period lies outside the data
     */
    public static NormalizationStats compute(BasinDataset ds, List<String> basinIds, Period period,
            List<Variable> forcings) {
        int d0 = ds.dayIndex(period.start());
        int d1 = ds.dayIndex(period.end());
        if (d0 < 0 || d1 > ds.nDays()) {
            throw new IllegalArgumentException("training period " + period + " is outside the data " + ds.period());
        }
        int[] rows = basinIds.stream().mapToInt(ds::basinIndex).toArray();
        Map<String, Stat> stats = new LinkedHashMap<>();
        for (Variable v : forcings) {
            float[] a = ds.values(v);
            double[] buf = new double[rows.length * (d1 - d0)];
            int n = 0;
            for (int r : rows) {
                int off = ds.offset(r);
                for (int t = d0; t < d1; t++) {
                    float x = a[off + t];
                    if (!Float.isNaN(x)) {
                        buf[n++] = v == Variable.PRCP ? transformPrecip(x) : x;
                    }
                }
            }
            stats.put(key(v), stat(buf, n, v.name()));
        }
        float[][] attr = ds.attributes();
        for (int j = 0; j < ds.attributeNames().size(); j++) {
            double[] buf = new double[rows.length];
            int n = 0;
            for (int r : rows) {
                float x = attr[r][j];
                if (!Float.isNaN(x)) {
                    buf[n++] = x;
                }
            }
            stats.put(ds.attributeNames().get(j), stat(buf, n, ds.attributeNames().get(j)));
        }
        return new NormalizationStats(forcings, ds.attributeNames(), stats, basinIds, period, ds.fingerprint(),
                attributeRanges(ds, basinIds));
    }

    /**
     * The range of every attribute over some basins (the training basins): what a prediction for other basins
     * compares their attributes with.
     *
     * @param ds       a dataset
     * @param basinIds basins of it
     * @return attribute → {min, max} over the basins' finite values (NaN, NaN when none)
     */
    public static Map<String, double[]> attributeRanges(BasinDataset ds, List<String> basinIds) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int j = 0; j < ds.attributeNames().size(); j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String id : basinIds) {
                float x = ds.attributes()[ds.basinIndex(id)][j];
                if (!Float.isNaN(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            out.put(ds.attributeNames().get(j), lo <= hi ? new double[] {lo, hi} : new double[] {Double.NaN,
                Double.NaN});
        }
        return out;
    }

    /**
     * @return attribute → {min, max} over the training basins, as recorded at training; empty for statistics
     *         written before ranges were kept
     */
    public Map<String, double[]> attributeRanges() {
        return java.util.Collections.unmodifiableMap(attributeRanges);
    }

    /** @return the attribute names, the network's order after the forcings */
    public List<String> attributeNames() {
        return attributeNames;
    }

    private static String key(Variable v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precipitation transform of spec §4.2.
     *
     * @param p precipitation, mm/d
     * @return log10(sqrt(p) + 0.1)
     */
    public static double transformPrecip(double p) {
        return Math.log10(Math.sqrt(p) + 0.1);
    }

    private static Stat stat(double[] buf, int n, String name) {
        if (n == 0) {
            throw new IllegalArgumentException("no valid value of " + name + " in the training basins and period");
        }
        double[] a = Arrays.copyOf(buf, n);
        Arrays.sort(a);
        double sum = 0;
        for (double x : a) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : a) {
            ss += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(ss / n);
        return new Stat(percentile(a, 10), percentile(a, 90), mean, std < 0.001 ? 1.0 : std);
    }

    /**
     * numpy's default (linear) percentile of sorted values.
     *
     * @param sorted ascending values
     * @param q      percentile, 0..100
     * @return the percentile
     */
    static double percentile(double[] sorted, double q) {
        double pos = q / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * @param name a forcing key ("prcp", "tmean", "pet") or attribute name
     * @return its statistics
     * @throws IllegalArgumentException when unknown
     */
    public Stat stat(String name) {
        Stat s = stats.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no normalisation statistics for '" + name + "'");
        }
        return s;
    }

    /** @return the number of network inputs per day: forcings then attributes */
    public int nFeatures() {
        return forcings.size() + attributeNames.size();
    }

    /** @return feature names in network order */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>();
        forcings.forEach(v -> out.add(key(v)));
        out.addAll(attributeNames);
        return out;
    }

    /**
     * Normalises one forcing value; NaN gives 0.
     *
     * @param v a forcing
     * @param x raw value
     * @return normalised value
     */
    public float normalize(Variable v, float x) {
        if (Float.isNaN(x)) {
            return 0f;
        }
        Stat s = stat(key(v));
        double y = v == Variable.PRCP ? transformPrecip(x) : x;
        return (float) ((y - s.mean()) / s.std());
    }

    /**
     * Writes network inputs for one basin and a run of days, time-major: {@code out[outOffset + t * nFeatures + k]}
     * with the forcings first and the (repeated) attributes after, every value normalised and NaN → 0 after
     * normalisation. Days outside the dataset's axis read as missing (0).
     *
     * @param ds        dataset whose attribute columns match these statistics
     * @param basin     row in ds
     * @param day0      first day index
     * @param nDays     number of days
     * @param out       destination
     * @param outOffset where day 0 starts in out
     */
    public void fillInputs(BasinDataset ds, int basin, int day0, int nDays, float[] out, int outOffset) {
        if (!ds.attributeNames().equals(attributeNames)) {
            throw new IllegalArgumentException("the dataset's attributes " + ds.attributeNames()
                    + " differ from those the statistics were computed on " + attributeNames);
        }
        int nf = nFeatures();
        int nv = forcings.size();
        float[] attrNorm = new float[attributeNames.size()];
        float[] row = ds.attributes()[basin];
        for (int j = 0; j < attrNorm.length; j++) {
            Stat s = stats.get(attributeNames.get(j));
            attrNorm[j] = Float.isNaN(row[j]) ? 0f : (float) ((row[j] - s.mean()) / s.std());
        }
        for (int k = 0; k < nv; k++) {
            Variable v = forcings.get(k);
            float[] a = ds.values(v);
            Stat s = stats.get(key(v));
            double mean = s.mean();
            double inv = 1.0 / s.std();
            boolean precip = v == Variable.PRCP;
            int off = ds.offset(basin);
            for (int t = 0; t < nDays; t++) {
                int d = day0 + t;
                float x = d >= 0 && d < ds.nDays() ? a[off + d] : Float.NaN;
                float y;
                if (Float.isNaN(x)) {
                    y = 0f;
                } else {
                    y = (float) (((precip ? transformPrecip(x) : x) - mean) * inv);
                }
                out[outOffset + t * nf + k] = y;
            }
        }
        for (int t = 0; t < nDays; t++) {
            System.arraycopy(attrNorm, 0, out, outOffset + t * nf + nv, attrNorm.length);
        }
    }

    /** @return the training basins the statistics were computed on */
    public List<String> trainBasins() {
        return trainBasins;
    }

    /** @return the training period */
    public Period trainPeriod() {
        return trainPeriod;
    }

    /** @return the fingerprint of the dataset they were computed from */
    public String dataFingerprint() {
        return dataFingerprint;
    }

    /** @return the statistics by name, forcings first, in network order */
    public Map<String, Stat> all() {
        return java.util.Collections.unmodifiableMap(stats);
    }

    /**
     * Serialises to JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "hydrodelta-normalization/1");
        m.put("forcings", forcings.stream().map(NormalizationStats::key).toList());
        m.put("attributes", attributeNames);
        m.put("trainBasins", trainBasins);
        m.put("trainPeriod", Map.of("start", trainPeriod.start().toString(), "end", trainPeriod.end().toString()));
        m.put("dataFingerprint", dataFingerprint);
        m.put("stats", stats);
        Map<String, Map<String, Double>> ranges = new LinkedHashMap<>();
        attributeRanges.forEach((k, v) -> {
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("min", v[0]);
            r.put("max", v[1]);
            ranges.put(k, r);
        });
        m.put("attributeRanges", ranges);
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads statistics written by {@link #toJson}.
     *
     * @param json the text
     * @return the statistics
     * @throws IllegalArgumentException when the JSON is not such a file
     */
    public static NormalizationStats fromJson(String json) {
        try {
            Map<?, ?> m = JSON.readValue(json, Map.class);
            if (!"hydrodelta-normalization/1".equals(m.get("format"))) {
                throw new IllegalArgumentException("not a normalisation statistics file (format " + m.get("format") + ")");
            }
            List<Variable> forcings = new ArrayList<>();
            for (Object o : (List<?>) m.get("forcings")) {
                forcings.add(Variable.valueOf(o.toString().toUpperCase(Locale.ROOT)));
            }
            List<String> attrs = ((List<?>) m.get("attributes")).stream().map(Object::toString).toList();
            List<String> basins = ((List<?>) m.get("trainBasins")).stream().map(Object::toString).toList();
            Map<?, ?> p = (Map<?, ?>) m.get("trainPeriod");
            Period period = new Period(java.time.LocalDate.parse(p.get("start").toString()),
                    java.time.LocalDate.parse(p.get("end").toString()));
            Map<String, Stat> stats = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) m.get("stats")).entrySet()) {
                stats.put(e.getKey().toString(), JSON.convertValue(e.getValue(), Stat.class));
            }
            Object fp = m.get("dataFingerprint");
            Map<String, double[]> ranges = new LinkedHashMap<>();
            if (m.get("attributeRanges") instanceof Map<?, ?> rs) {
                // absent in runs trained before ranges were kept
                for (Map.Entry<?, ?> e : rs.entrySet()) {
                    Map<?, ?> r = (Map<?, ?>) e.getValue();
                    ranges.put(e.getKey().toString(), new double[] {number(r.get("min")), number(r.get("max"))});
                }
            }
            return new NormalizationStats(forcings, attrs, stats, basins, period, fp == null ? null : fp.toString(),
                    ranges);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse normalisation statistics: " + e.getMessage(), e);
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * @param file destination
     */
    public void write(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return the statistics
     */
    public static NormalizationStats read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
