package org.hydrodelta.core.hbv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real daily forcing for the tests: PRCP, TAIR, PET and OBS_RUN (mm/d) of basin 01031500 (Piscataquis, Daymet)
 * from the committed SAC-SMA benchmark output file, found via the {@code hydrodelta.repo.root} property.
 */
public final class SampleForcing {
    /** Rows of [year, month, day, PRCP, TAIR, PET, OBS_RUN]. */
    public final List<double[]> rows = new ArrayList<>();

    public SampleForcing() throws IOException {
        String root = System.getProperty("hydrodelta.repo.root", "..");
        Path file = Path.of(root, "sample-projects/piscataquis-01031500/data/camels-us/benchmark_model_output/"
                + "flow_timeseries/daymet/01/01031500_05_model_output.txt");
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).trim().split("\\s+");
        int iP = indexOf(header, "PRCP");
        int iT = indexOf(header, "TAIR");
        int iE = indexOf(header, "PET");
        int iQ = indexOf(header, "OBS_RUN");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[iP]), Double.parseDouble(f[iT]), Double.parseDouble(f[iE]),
                Double.parseDouble(f[iQ])});
        }
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("column " + name + " not in header");
    }

    /** Index of the row for a date. */
    int indexOf(int year, int month, int day) {
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            if (r[0] == year && r[1] == month && r[2] == day) {
                return i;
            }
        }
        throw new IllegalArgumentException("date not in file: " + year + "-" + month + "-" + day);
    }

    /**
     * The forcing of {@code days} days from a date, the same for each of {@code nb} basins, in the kernel's layout
     * {@code [day][basin][P, T, PET]}.
     */
    float[] replicated(int year, int month, int day, int days, int nb) {
        int first = indexOf(year, month, day);
        float[] forcing = new float[days * nb * 3];
        for (int d = 0; d < days; d++) {
            double[] r = rows.get(first + d);
            for (int b = 0; b < nb; b++) {
                forcing[(d * nb + b) * 3] = (float) r[3];
                forcing[(d * nb + b) * 3 + 1] = (float) r[4];
                forcing[(d * nb + b) * 3 + 2] = (float) r[5];
            }
        }
        return forcing;
    }
}
