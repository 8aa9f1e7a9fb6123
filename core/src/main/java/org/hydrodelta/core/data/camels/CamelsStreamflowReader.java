package org.hydrodelta.core.data.camels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hydrodelta.core.data.DailyDates;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.SourceFile;
import org.hydrodelta.core.data.text.ByteScanner;

/**
 * Reads a CAMELS USGS streamflow file ({@code <id>_streamflow_qc.txt}): no header, one line per day with
 * {@code gauge_id year month day flow_cfs flag}. Negative flows (-999 with flag M) become NaN; flags are kept.
 * The gauge id on every line must be the one in the file name.
 */
public final class CamelsStreamflowReader {
    private static final List<String> NAMES = List.of("gauge_id", "year", "month", "day", "flow", "flag");

    /**
     * Reads one file.
     *
     * @param file the streamflow file
     * @return its contents in ft³/s
     * @throws DataFormatException on any malformed content
     */
    public CamelsStreamflow read(Path file) {
        byte[] buf = SourceFile.readBytes(file);
        return parse(file, buf);
    }

    /**
     * Parses file contents already in memory.
     *
     * @param file the file name for messages and the basin id
     * @param buf  the bytes
     * @return the contents
     */
    public CamelsStreamflow parse(Path file, byte[] buf) {
        long checksum = SourceFile.checksum(buf);
        String basin = CamelsLayout.basinIdOf(file);
        ByteScanner s = new ByteScanner(buf, SourceFile.bomLength(buf), buf.length);
        int capacity = Math.max(1, CamelsForcingReader.countLines(buf, 0));
        float[] q = new float[capacity];
        byte[] flags = new byte[capacity];
        List<String> flagNames = new ArrayList<>();
        DailyDates dates = new DailyDates();
        int n = 0;
        int sentinels = 0;
        int lastFlag = -1;
        int[] ymd = new int[3];
        while (!s.atEnd()) {
            if (s.lineIsBlank()) {
                s.nextLine();
                continue;
            }
            long line = s.line();
            if (!s.nextToken()) {
                throw new DataFormatException(file, line, NAMES.get(0), "truncated line: expected 6 fields, found 0");
            }
            if (!s.tokenEquals(basin)) {
                String t = s.token();
                if (t.indexOf(',') >= 0 || t.indexOf(';') >= 0) {
                    throw new DataFormatException(file, line, NAMES.get(0), "wrong delimiter: fields must be separated"
                            + " by spaces or tabs, found '" + (t.indexOf(',') >= 0 ? ',' : ';') + "'");
                }
                if (line == 1 && !t.isEmpty() && !Character.isDigit(t.charAt(0))) {
                    throw new DataFormatException(file, line, NAMES.get(0), "unexpected header line: USGS streamflow"
                            + " files start directly with data ('" + basin + " year month day flow flag')");
                }
                throw new DataFormatException(file, line, NAMES.get(0), "unknown basin id '" + t
                        + "': the file name says " + basin);
            }
            for (int k = 1; k <= 4; k++) {
                int r = s.nextNumber();
                if (r != ByteScanner.OK) {
                    throw CamelsForcingReader.fieldError(file, line, NAMES, k, 6, r, s);
                }
                if (k < 4) {
                    ymd[k - 1] = CamelsForcingReader.toInt(file, line, NAMES.get(k), s.value());
                }
            }
            double v = s.value();
            if (!s.nextToken()) {
                throw new DataFormatException(file, line, "flag", "truncated line: expected 6 fields, found 5");
            }
            int f = lastFlag >= 0 && s.tokenEquals(flagNames.get(lastFlag)) ? lastFlag : flagIndex(flagNames, s.token());
            lastFlag = f;
            if (s.nextToken()) {
                throw new DataFormatException(file, line, "field 7", "extra fields: expected 6 fields, found more"
                        + " starting with '" + s.token() + "'");
            }
            String bad = dates.accept(ymd[0], ymd[1], ymd[2]);
            if (bad != null) {
                throw new DataFormatException(file, line, null, bad);
            }
            if (v == -999.0 || v == -9999.0 || Double.isNaN(v)) {
                v = Double.NaN;
                sentinels++;
            } else if (v < 0) {
                throw new DataFormatException(file, line, "flow", "negative flow " + v + " ft³/s: flow must be >= 0,"
                        + " or -999 for a missing day");
            } else {
                org.hydrodelta.core.data.PhysicalBounds.check(file, line, "flow", "flow_cfs", v);
            }
            q[n] = (float) v;
            flags[n] = (byte) f;
            n++;
            s.nextLine();
        }
        if (n == 0) {
            throw new DataFormatException(file, 1, null, "file holds no data lines");
        }
        return new CamelsStreamflow(basin, file, dates.first(), n, n == capacity ? q : Arrays.copyOf(q, n),
                n == capacity ? flags : Arrays.copyOf(flags, n),
                List.copyOf(flagNames), sentinels, checksum, buf.length);
    }

    private static int flagIndex(List<String> names, String flag) {
        int i = names.indexOf(flag);
        if (i < 0) {
            names.add(flag);
            i = names.size() - 1;
        }
        return i;
    }
}
