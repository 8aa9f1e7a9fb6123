package org.hydrodelta.core.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory data of many basins on one daily date axis: for every {@link Variable} one contiguous float
 * array laid out basin-major ({@code values(v)[basin * nDays + day]}), so one basin's series is a contiguous slice
 * the trainer can copy windows from with {@link System#arraycopy}. Missing days are NaN (never 0). Also holds the
 * static attributes matrix {@code [basin][attribute]}, per-basin facts and the provenance of the input files.
 * Immutable by convention: accessors hand out the backing arrays for speed; callers must not write into them.
 */
public final class BasinDataset {
    private final List<String> basinIds;
    private final Map<String, Integer> basinIndex;
    private final LocalDate start;
    private final int nDays;
    private final EnumMap<Variable, float[]> data;
    private final float[][] attributes;
    private final List<String> attributeNames;
    private final List<BasinInfo> info;
    private final List<SourceFile> sources;

    /**
     * Creates a dataset; arrays are taken over, not copied.
     *
     * @param basinIds       basin ids in row order
     * @param start          first day of the date axis
     * @param nDays          number of days
     * @param data           per variable a flat [basin * nDays + day] array
     * @param attributes     [basin][attribute], may have zero columns
     * @param attributeNames attribute column names
     * @param info           per-basin facts, same order as basinIds
     * @param sources        input files
     */
    public BasinDataset(List<String> basinIds, LocalDate start, int nDays, Map<Variable, float[]> data,
            float[][] attributes, List<String> attributeNames, List<BasinInfo> info, List<SourceFile> sources) {
        this.basinIds = List.copyOf(basinIds);
        this.basinIndex = new HashMap<>();
        for (int i = 0; i < basinIds.size(); i++) {
            if (basinIndex.put(basinIds.get(i), i) != null) {
                throw new IllegalArgumentException("basin " + basinIds.get(i) + " appears twice");
            }
        }
        this.start = start;
        this.nDays = nDays;
        this.data = data.isEmpty() ? new EnumMap<>(Variable.class) : new EnumMap<>(data);
        for (Map.Entry<Variable, float[]> e : this.data.entrySet()) {
            if (e.getValue().length != (long) basinIds.size() * nDays) {
                throw new IllegalArgumentException(e.getKey() + ": expected " + basinIds.size() + " x " + nDays
                        + " values, got " + e.getValue().length);
            }
        }
        this.attributes = attributes;
        this.attributeNames = List.copyOf(attributeNames);
        this.info = List.copyOf(info);
        this.sources = List.copyOf(sources);
    }

    /** @return basin ids in row order */
    public List<String> basinIds() {
        return basinIds;
    }

    /** @return the number of basins */
    public int nBasins() {
        return basinIds.size();
    }

    /**
     * @param basinId a gauge id
     * @return its row
     * @throws IllegalArgumentException when the basin is not in the dataset
     */
    public int basinIndex(String basinId) {
        Integer i = basinIndex.get(basinId);
        if (i == null) {
            throw new IllegalArgumentException("unknown basin id '" + basinId + "': not in this dataset");
        }
        return i;
    }

    /** @return the first day of the date axis */
    public LocalDate start() {
        return start;
    }

    /** @return the number of days on the axis */
    public int nDays() {
        return nDays;
    }

    /** @return the whole date axis as a period */
    public Period period() {
        return new Period(start, start.plusDays(nDays));
    }

    /**
     * @param day index on the axis
     * @return its date
     */
    public LocalDate date(int day) {
        return start.plusDays(day);
    }

    /**
     * @param date a date
     * @return its index on the axis (may be outside [0, nDays) when the date is outside the axis)
     */
    public int dayIndex(LocalDate date) {
        return Math.toIntExact(date.toEpochDay() - start.toEpochDay());
    }

    /** @return the variables present */
    public Set<Variable> variables() {
        return Collections.unmodifiableSet(data.keySet());
    }

    /**
     * @param v a variable
     * @return whether the dataset holds it
     */
    public boolean has(Variable v) {
        return data.containsKey(v);
    }

    /**
     * The backing flat array of a variable, {@code [basin * nDays + day]}; do not modify.
     *
     * @param v a variable
     * @return the array
     * @throws IllegalArgumentException when the variable is absent
     */
    public float[] values(Variable v) {
        float[] a = data.get(v);
        if (a == null) {
            throw new IllegalArgumentException("the dataset has no " + v + " series");
        }
        return a;
    }

    /**
     * @param basin row
     * @return offset of that basin's first day in every {@link #values} array
     */
    public int offset(int basin) {
        return basin * nDays;
    }

    /**
     * @param v     variable
     * @param basin row
     * @param day   day index
     * @return the value (NaN when missing)
     */
    public float value(Variable v, int basin, int day) {
        return values(v)[basin * nDays + day];
    }

    /**
     * @param v     variable
     * @param basin row
     * @return a copy of one basin's whole series
     */
    public float[] series(Variable v, int basin) {
        return Arrays.copyOfRange(values(v), basin * nDays, (basin + 1) * nDays);
    }

    /** @return the attributes matrix [basin][attribute]; do not modify */
    public float[][] attributes() {
        return attributes;
    }

    /** @return attribute names, the matrix's column order */
    public List<String> attributeNames() {
        return attributeNames;
    }

    /** @return per-basin facts in row order */
    public List<BasinInfo> basinInfo() {
        return info;
    }

    /** @return the input files */
    public List<SourceFile> sources() {
        return sources;
    }

    /**
     * A fingerprint of the data: SHA-256 over the sorted source files (name, size, CRC32C), the basin list, the date
     * axis and the attribute names. Stored with a run so evaluation can warn when the data changed.
     *
     * @return 64 hex digits
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<SourceFile> sorted = new ArrayList<>(sources);
            sorted.sort((a, b) -> a.path().compareTo(b.path()));
            StringBuilder sb = new StringBuilder();
            for (SourceFile s : sorted) {
                String p = s.path().replace('\\', '/');
                int slash = p.lastIndexOf('/');
                sb.append(slash >= 0 ? p.substring(slash + 1) : p).append(' ').append(s.bytes()).append(' ')
                        .append(Long.toHexString(s.checksum())).append('\n');
            }
            sb.append(String.join(",", basinIds)).append('\n').append(start).append('+').append(nDays).append('\n')
                    .append(String.join(",", attributeNames)).append('\n').append(data.keySet());
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy restricted to a period (days outside the axis become NaN).
     *
     * @param p the period
     * @return a new dataset on the period's axis
     */
    public BasinDataset select(Period p) {
        int n = p.days();
        int shift = dayIndex(p.start());
        EnumMap<Variable, float[]> out = new EnumMap<>(Variable.class);
        for (Map.Entry<Variable, float[]> e : data.entrySet()) {
            float[] src = e.getValue();
            float[] dst = new float[basinIds.size() * n];
            Arrays.fill(dst, Float.NaN);
            int from = Math.max(0, shift);
            int to = Math.min(nDays, shift + n);
            for (int b = 0; b < basinIds.size() && to > from; b++) {
                System.arraycopy(src, b * nDays + from, dst, b * n + (from - shift), to - from);
            }
            out.put(e.getKey(), dst);
        }
        return new BasinDataset(basinIds, p.start(), n, out, attributes, attributeNames, info, sources);
    }

    /**
     * A copy restricted to some basins, in the given order.
     *
     * @param ids basin ids
     * @return a new dataset
     */
    public BasinDataset selectBasins(List<String> ids) {
        int[] rows = ids.stream().mapToInt(this::basinIndex).toArray();
        EnumMap<Variable, float[]> out = new EnumMap<>(Variable.class);
        for (Map.Entry<Variable, float[]> e : data.entrySet()) {
            float[] dst = new float[rows.length * nDays];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(e.getValue(), rows[i] * nDays, dst, i * nDays, nDays);
            }
            out.put(e.getKey(), dst);
        }
        float[][] attr = new float[rows.length][];
        List<BasinInfo> inf = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            attr[i] = attributes.length == 0 ? new float[0] : attributes[rows[i]].clone();
            inf.add(info.get(rows[i]));
        }
        return new BasinDataset(ids, start, nDays, out, attr, attributeNames, inf, sources);
    }
}
