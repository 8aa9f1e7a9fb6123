package org.hydrodelta.core.data.auxiliary;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One auxiliary observation series of a dataset, declared in the project file as a dataset option
 * {@code "observation.<name>": "<source>[:<argument>...]"}:
 * <ul>
 *   <li>{@code camels-benchmark:<COLUMN>[:<seed>]}: a column ({@code SWE} in mm, {@code ET} in mm/d) of the CAMELS
 *       benchmark model output ({@code benchmark_model_output/flow_timeseries/<forcing>/<huc>/<basin>_<seed>
 *       _model_output.txt}, SAC-SMA + Snow-17 of Newman et al. 2015); seed {@code 05} by default. This is a
 *       reference model's simulation, used as the observation;</li>
 *   <li>{@code baseflow-filter[:<alpha>]}: baseflow separated from the observed streamflow by the Lyne–Hollick
 *       digital filter in three passes as Ladson et al. (2013) recommend ({@link BaseflowFilter}), the filter behind
 *       CAMELS' {@code baseflow_index}; α = 0.925 by default;</li>
 *   <li>{@code column:<column>:<unit>:<kind>}: a column of each basin's time-series file of a Caravan or CSV
 *       dataset (e.g. ERA5-Land {@code snow_depth_water_equivalent_mean}), in a unit of {@link #UNITS} converted to
 *       mm (stores) or mm/d (fluxes); kind is one of {@link #KINDS}.</li>
 * </ul>
 *
 * @param name   the observation's name (what an experiment's {@code targets[].observation} refers to)
 * @param source {@code camels-benchmark}, {@code baseflow-filter} or {@code column}
 * @param column the column read ({@code null} for the filter)
 * @param seed   the benchmark's calibration seed ({@code null} unless camels-benchmark)
 * @param alpha  the filter parameter ({@code NaN} unless baseflow-filter)
 * @param unit   the file's unit
 * @param kind   what it observes: {@code swe}, {@code et}, {@code soil-moisture}, {@code baseflow} or
 *               {@code other}
 */
public record ObservationSpec(String name, String source, String column, String seed, double alpha, String unit,
        String kind) {
    /** Prefix of the dataset option keys that declare observations. */
    public static final String OPTION_PREFIX = "observation.";
    /** Sources. */
    public static final List<String> SOURCES = List.of("camels-benchmark", "baseflow-filter", "column");
    /** Kinds. */
    public static final List<String> KINDS = List.of("swe", "et", "soil-moisture", "baseflow", "other");
    /** Columns of the CAMELS benchmark output that are auxiliary observations, with their units and kinds. */
    public static final Map<String, String[]> BENCHMARK_COLUMNS = Map.of("SWE", new String[] {"mm", "swe"},
            "ET", new String[] {"mm/d", "et"});
    /** Units a {@code column} source may give, and their factor to mm or mm/d ({@code 1}: a fraction, kept). */
    public static final Map<String, Double> UNITS = new TreeMap<>(Map.of("mm", 1.0, "m", 1000.0, "cm", 10.0,
            "kg/m2", 1.0, "mm/d", 1.0, "m/d", 1000.0, "cm/d", 10.0, "in/d", 25.4, "in", 25.4, "1", 1.0));

    /**
     * Parses a declaration.
     *
     * @param name  the observation name (after {@value #OPTION_PREFIX})
     * @param value the option's value
     * @return the spec
     * @throws IllegalArgumentException naming what is wrong and what is allowed
     */
    public static ObservationSpec parse(String name, String value) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("observation name '" + name + "' must be lower case letters, digits"
                    + " and '_', starting with a letter");
        }
        if ("flow".equals(name)) {
            throw new IllegalArgumentException("observation name 'flow' is the observed streamflow; choose another");
        }
        String[] p = value == null ? new String[] {""} : value.trim().split(":", -1);
        String where = OPTION_PREFIX + name + " '" + value + "'";
        switch (p[0]) {
            case "camels-benchmark" -> {
                if (p.length < 2 || p.length > 3) {
                    throw new IllegalArgumentException(where + ": expected camels-benchmark:<COLUMN>[:<seed>], "
                            + "COLUMN one of " + new TreeMap<>(BENCHMARK_COLUMNS).keySet());
                }
                String col = p[1].toUpperCase(Locale.ROOT);
                String[] info = BENCHMARK_COLUMNS.get(col);
                if (info == null) {
                    throw new IllegalArgumentException(where + ": unknown benchmark column '" + p[1] + "'; known: "
                            + new TreeMap<>(BENCHMARK_COLUMNS).keySet());
                }
                String seed = p.length == 3 ? p[2] : "05";
                if (!seed.matches("\\d\\d")) {
                    throw new IllegalArgumentException(where + ": seed must be two digits (e.g. 05), was '" + seed
                            + "'");
                }
                return new ObservationSpec(name, p[0], col, seed, Double.NaN, info[0], info[1]);
            }
            case "baseflow-filter" -> {
                double a = BaseflowFilter.DEFAULT_ALPHA;
                if (p.length > 2) {
                    throw new IllegalArgumentException(where + ": expected baseflow-filter[:<alpha>]");
                }
                if (p.length == 2) {
                    try {
                        a = Double.parseDouble(p[1]);
                    } catch (NumberFormatException e) {
                        a = Double.NaN;
                    }
                    if (!(a > 0 && a < 1)) {
                        throw new IllegalArgumentException(where + ": alpha must be a number in (0, 1), e.g. 0.925");
                    }
                }
                return new ObservationSpec(name, p[0], null, null, a, "mm/d", "baseflow");
            }
            case "column" -> {
                if (p.length != 4 || p[1].isBlank()) {
                    throw new IllegalArgumentException(where + ": expected column:<column>:<unit>:<kind>, kind one of "
                            + KINDS);
                }
                if (!UNITS.containsKey(p[2])) {
                    throw new IllegalArgumentException(where + ": unit '" + p[2] + "' cannot be converted to mm or "
                            + "mm/d; known units: " + UNITS.keySet());
                }
                if (!KINDS.contains(p[3])) {
                    throw new IllegalArgumentException(where + ": unknown kind '" + p[3] + "'; known: " + KINDS);
                }
                boolean flux = p[2].endsWith("/d");
                boolean fluxKind = p[3].equals("et") || p[3].equals("baseflow");
                boolean storeKind = p[3].equals("swe");
                if (flux && storeKind || !flux && fluxKind && !p[2].equals("1")) {
                    throw new IllegalArgumentException(where + ": unit '" + p[2] + "' cannot be converted for kind '"
                            + p[3] + "' (" + (storeKind ? "a storage: mm, m, cm, kg/m2, in" : "a flux: mm/d, m/d, "
                            + "cm/d, in/d") + ")");
                }
                return new ObservationSpec(name, p[0], p[1], null, Double.NaN, p[2], p[3]);
            }
            default -> throw new IllegalArgumentException(where + ": unknown source '" + p[0] + "'; known: "
                    + SOURCES);
        }
    }

    /**
     * @param options a dataset's options
     * @return the observations they declare, in name order
     * @throws IllegalArgumentException on the first bad declaration
     */
    public static List<ObservationSpec> fromOptions(Map<String, String> options) {
        return new TreeMap<>(options).entrySet().stream().filter(e -> e.getKey().startsWith(OPTION_PREFIX))
                .map(e -> parse(e.getKey().substring(OPTION_PREFIX.length()), e.getValue())).toList();
    }

    /** @return the unit values are held in after conversion: mm, mm/d, or 1 for a fraction */
    public String standardUnit() {
        if ("1".equals(unit)) {
            return "1";
        }
        return unit.endsWith("/d") ? "mm/d" : "mm";
    }

    /** @return the factor from the file's unit to {@link #standardUnit()} */
    public double factor() {
        return UNITS.getOrDefault(unit, 1.0);
    }
}
