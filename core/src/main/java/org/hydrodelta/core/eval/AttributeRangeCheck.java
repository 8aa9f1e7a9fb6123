package org.hydrodelta.core.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.BasinDataset;

/**
 * Flags basins whose static attributes lie outside the range of the training basins: a network fed such a value
 * extrapolates, which a prediction for other basins says per attribute and by how much rather than silently.
 */
public final class AttributeRangeCheck {
    /** The file a prediction writes the flags into, beside its metrics. */
    public static final String FILE_NAME = "attributes_out_of_range.csv";

    private AttributeRangeCheck() {
    }

    /**
     * One attribute of one basin outside the training range.
     *
     * @param basinId   the basin
     * @param attribute the attribute
     * @param value     its value
     * @param min       the training minimum
     * @param max       the training maximum
     */
    public record Flag(String basinId, String attribute, double value, double min, double max) {
        /** @return whether the value lies above the training maximum (else below the minimum) */
        public boolean above() {
            return value > max;
        }

        /** @return the training bound it passes */
        public double bound() {
            return above() ? max : min;
        }

        /**
         * @return how far outside, in percent of the bound's magnitude (of the training range's width when the
         *         bound is 0)
         */
        public double percent() {
            double scale = bound() != 0 ? Math.abs(bound()) : max - min;
            return scale > 0 ? 100 * Math.abs(value - bound()) / scale : Double.POSITIVE_INFINITY;
        }

        /**
         * @return e.g. {@code elev_mean 3410 m is 12 % above the training maximum 3045 m}; when every training basin
         *         has the same value, {@code ... is above the training value 0 (the same in every training basin)}
         */
        public String format() {
            String unit = AttributeSchema.CAMELS_US.unit(attribute);
            String u = unit.isEmpty() ? "" : " " + unit;
            String side = above() ? "above" : "below";
            if (Double.isInfinite(percent())) {
                return String.format(Locale.ROOT, "%s %s%s is %s the training value %s%s (the same in every training"
                        + " basin)", attribute, number(value), u, side, number(bound()), u);
            }
            return String.format(Locale.ROOT, "%s %s%s is %.0f %% %s the training %s %s%s", attribute, number(value), u,
                    percent(), side, above() ? "maximum" : "minimum", number(bound()), u);
        }
    }

    /**
     * @param ds     the basins to simulate
     * @param ranges attribute → {min, max} over the training basins
     * @return every attribute of every basin outside its range, in basin then attribute order (missing values and
     *         attributes without a range are not flagged)
     */
    public static List<Flag> check(BasinDataset ds, Map<String, double[]> ranges) {
        List<Flag> out = new ArrayList<>();
        for (int b = 0; b < ds.nBasins(); b++) {
            for (int j = 0; j < ds.attributeNames().size(); j++) {
                double[] r = ranges.get(ds.attributeNames().get(j));
                float x = ds.attributes()[b][j];
                if (r != null && !Float.isNaN(x) && !Double.isNaN(r[0]) && (x < r[0] || x > r[1])) {
                    out.add(new Flag(ds.basinIds().get(b), ds.attributeNames().get(j), x, r[0], r[1]));
                }
            }
        }
        return out;
    }

    /**
     * Writes {@value #FILE_NAME}: {@code basin_id,attribute,value,unit,training_min,training_max,side,percent,message}
     * (a header alone when nothing is outside).
     *
     * @param dir   the output folder
     * @param flags the flags
     * @return the file
     * @throws IOException if writing fails
     */
    public static Path write(Path dir, List<Flag> flags) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("basin_id,attribute,value,unit,training_min,training_max,side,percent,message\n");
            for (Flag f : flags) {
                w.write(String.join(",", f.basinId(), f.attribute(), number(f.value()),
                        AttributeSchema.CAMELS_US.unit(f.attribute()), number(f.min()), number(f.max()),
                        f.above() ? "above" : "below",
                        Double.isInfinite(f.percent()) ? "" : String.format(Locale.ROOT, "%.1f", f.percent()),
                        '"' + f.format() + '"') + "\n");
            }
        }
        return file;
    }

    private static String number(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String t = String.format(Locale.ROOT, "%.4g", v);
        return t.contains(".") && !t.contains("e") ? t.replaceFirst("0+$", "").replaceFirst("\\.$", "") : t;
    }
}
