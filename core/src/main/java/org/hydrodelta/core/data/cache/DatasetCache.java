package org.hydrodelta.core.data.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.BasinInfo;
import org.hydrodelta.core.data.BasinReport;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.SourceFile;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.progress.ProgressListener;

/**
 * A binary cache of loaded datasets, so that a second command on hundreds of basins reads one file instead of
 * parsing every CSV again. An entry is keyed by what was asked (dataset type and location, basins, period,
 * attributes, options) and by the sources' fingerprints: the path, size and modification time of every file the
 * dataset is read from. Changing, adding or removing a source file changes the key, so the entry is rebuilt; older
 * entries of the same request are deleted when a new one is written. A damaged entry is ignored and rebuilt.
 *
 * <p>The cache is used when the {@code hydrodelta.cache} system property is set (the launcher sets it): {@code on}
 * for the user cache folder ({@code $XDG_CACHE_HOME/hydrodelta/datasets}, else {@code ~/.cache/hydrodelta/datasets}),
 * a folder path for that folder, {@code off} (or unset, as in unit tests) for none.
 */
public final class DatasetCache {
    private static final byte[] MAGIC = "HDCACHE1".getBytes(StandardCharsets.US_ASCII);
    private static final String SUFFIX = ".hdcache";

    private final Path dir;

    /**
     * @param dir the cache folder (created when the first entry is written)
     */
    public DatasetCache(Path dir) {
        this.dir = dir;
    }

    /** @return the cache the {@code hydrodelta.cache} property asks for, or null when caching is off */
    public static DatasetCache configured() {
        String v = System.getProperty("hydrodelta.cache");
        if (v == null || v.isBlank() || v.equals("off")) {
            return null;
        }
        if (!v.equals("on")) {
            return new DatasetCache(Path.of(v));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new DatasetCache(base.resolve("hydrodelta").resolve("datasets"));
    }

    /**
     * Loads through the configured cache, or directly when caching is off.
     *
     * @param request  what is asked (type, location, basins, period, attributes, options), one string per part
     * @param sources  the files and folders the data is read from (folders are walked)
     * @param progress told when the data came from the cache
     * @param loader   the real load
     * @return the load result
     */
    public static LoadResult load(List<String> request, List<Path> sources, ProgressListener progress,
            Supplier<LoadResult> loader) {
        DatasetCache c = configured();
        return c == null ? loader.get() : c.getOrLoad(request, sources, progress, loader);
    }

    /**
     * @param request  what is asked, one string per part
     * @param sources  the files and folders the data is read from
     * @param progress told when the data came from the cache
     * @param loader   the real load, run on a miss
     * @return the cached or freshly loaded result
     */
    public LoadResult getOrLoad(List<String> request, List<Path> sources, ProgressListener progress,
            Supplier<LoadResult> loader) {
        String requestHash = sha256(String.join("\n", request));
        String key;
        try {
            key = requestHash.substring(0, 16) + "-" + sha256(fingerprint(sources)).substring(0, 32);
        } catch (IOException e) {
            return loader.get();
        }
        Path file = dir.resolve(key + SUFFIX);
        if (Files.isRegularFile(file)) {
            try {
                LoadResult r = read(file);
                progress.progress(1, 1, "read " + r.dataset().nBasins() + " basins from the data cache " + file);
                return r;
            } catch (IOException | RuntimeException e) {
                // damaged or from another version: rebuilt below
                progress.progress(0, 1, "data cache entry " + file + " unreadable (" + e.getMessage()
                        + "); reading the sources again");
            }
        }
        LoadResult r = loader.get();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(key + SUFFIX + ".tmp" + ProcessHandle.current().pid());
            write(tmp, r);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> s = Files.list(dir)) {
                // entries of the same request built from older sources are stale
                for (Path old : s.filter(p -> p.getFileName().toString().startsWith(requestHash.substring(0, 16)))
                        .filter(p -> !p.equals(file)).toList()) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs time; the data is loaded
            progress.progress(1, 1, "data cache not written to " + dir + ": " + e.getMessage());
        }
        return r;
    }

    /**
     * The request of a plain load of a dataset folder or CSV mapping with some options, the same for the data doctor
     * and for training, so that one shares the other's cache entry.
     *
     * @param path    the folder or mapping file
     * @param options the load options (threads do not matter)
     * @return the request parts
     */
    public static List<String> request(Path path, org.hydrodelta.core.data.LoadOptions options) {
        return List.of("load", path.toAbsolutePath().normalize().toString(), String.valueOf(options.product()),
                String.valueOf(options.basinIds()), String.valueOf(options.period()),
                String.valueOf(options.attributeNames()), String.valueOf(options.pet()),
                options.petOverride() ? "pet computed" : "pet column");
    }

    /** @return the cache folder */
    public Path dir() {
        return dir;
    }

    /**
     * Path, size and modification time of every regular file under the sources, sorted.
     *
     * @param sources files and folders
     * @return one line per file
     * @throws IOException if a folder cannot be walked
     */
    static String fingerprint(List<Path> sources) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path src : sources) {
            if (src == null || !Files.exists(src)) {
                lines.add("missing " + src);
                continue;
            }
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.toList()) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        lines.add(p.toAbsolutePath().normalize() + " " + a.size() + " "
                                + a.lastModifiedTime().toMillis());
                    }
                }
            }
        }
        lines.sort(Comparator.naturalOrder());
        return String.join("\n", lines);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a load result.
     *
     * @param file target
     * @param r    the result
     * @throws IOException if writing fails
     */
    static void write(Path file, LoadResult r) throws IOException {
        BasinDataset ds = r.dataset();
        try (OutputStream os = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
            out.write(MAGIC);
            strings(out, ds.basinIds());
            out.writeUTF(ds.start().toString());
            out.writeInt(ds.nDays());
            out.writeInt(ds.variables().size());
            for (Variable v : ds.variables()) {
                out.writeUTF(v.name());
                floats(out, ds.values(v));
            }
            float[][] attrs = ds.attributes();
            out.writeInt(attrs.length);
            for (float[] row : attrs) {
                out.writeInt(row.length);
                floats(out, row);
            }
            strings(out, ds.attributeNames());
            out.writeInt(ds.basinInfo().size());
            for (BasinInfo b : ds.basinInfo()) {
                out.writeUTF(b.basinId());
                text(out, b.name());
                out.writeDouble(b.areaKm2());
                text(out, b.areaSource());
                out.writeDouble(b.latitude());
                out.writeDouble(b.longitude());
                out.writeDouble(b.elevation());
                text(out, b.petMethod());
            }
            out.writeInt(ds.sources().size());
            for (SourceFile s : ds.sources()) {
                out.writeUTF(s.path());
                out.writeLong(s.bytes());
                out.writeLong(s.checksum());
            }
            out.writeInt(r.issues().size());
            for (DataIssue i : r.issues()) {
                out.writeInt(i.severity().ordinal());
                text(out, i.file() == null ? null : i.file().toString());
                out.writeLong(i.line());
                text(out, i.basinId());
                text(out, i.message());
            }
            out.writeInt(r.reports().size());
            for (BasinReport b : r.reports()) {
                out.writeUTF(b.basinId());
                out.writeBoolean(b.usable());
                text(out, b.reason());
                strings(out, b.files() == null ? List.of() : b.files());
                out.writeInt(b.forcingSentinels());
                out.writeInt(b.flowSentinels());
                out.writeBoolean(b.tmaxEqualsTmin());
                text(out, b.petMethod());
                out.writeDouble(b.runoffRatio());
                strings(out, b.missingAttributes() == null ? List.of() : b.missingAttributes());
            }
            out.write(MAGIC);
        }
    }

    /**
     * Reads a load result written by {@link #write}.
     *
     * @param file the entry
     * @return the result
     * @throws IOException if it is not a complete entry
     */
    static LoadResult read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            magic(in);
            List<String> ids = strings(in);
            LocalDate start = LocalDate.parse(in.readUTF());
            int nDays = in.readInt();
            int nVars = in.readInt();
            Map<Variable, float[]> data = new EnumMap<>(Variable.class);
            for (int v = 0; v < nVars; v++) {
                Variable var = Variable.valueOf(in.readUTF());
                data.put(var, floats(in));
            }
            float[][] attrs = new float[in.readInt()][];
            for (int i = 0; i < attrs.length; i++) {
                in.readInt();
                attrs[i] = floats(in);
            }
            List<String> attrNames = strings(in);
            int nInfo = in.readInt();
            List<BasinInfo> info = new ArrayList<>();
            for (int i = 0; i < nInfo; i++) {
                info.add(new BasinInfo(in.readUTF(), text(in), in.readDouble(), text(in), in.readDouble(),
                        in.readDouble(), in.readDouble(), text(in)));
            }
            int nSources = in.readInt();
            List<SourceFile> sources = new ArrayList<>();
            for (int i = 0; i < nSources; i++) {
                sources.add(new SourceFile(in.readUTF(), in.readLong(), in.readLong()));
            }
            int nIssues = in.readInt();
            List<DataIssue> issues = new ArrayList<>();
            for (int i = 0; i < nIssues; i++) {
                DataIssue.Severity sev = DataIssue.Severity.values()[in.readInt()];
                String f = text(in);
                issues.add(new DataIssue(sev, f == null ? null : Path.of(f), in.readLong(), text(in), text(in)));
            }
            int nReports = in.readInt();
            List<BasinReport> reports = new ArrayList<>();
            for (int i = 0; i < nReports; i++) {
                reports.add(new BasinReport(in.readUTF(), in.readBoolean(), text(in), strings(in), in.readInt(),
                        in.readInt(), in.readBoolean(), text(in), in.readDouble(), strings(in)));
            }
            magic(in);
            return new LoadResult(new BasinDataset(ids, start, nDays, data, attrs, attrNames, info, sources), issues,
                    reports);
        }
    }

    private static void magic(DataInputStream in) throws IOException {
        byte[] m = new byte[MAGIC.length];
        in.readFully(m);
        if (!java.util.Arrays.equals(m, MAGIC)) {
            throw new IOException("not a data cache entry");
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            text(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(text(in));
        }
        return out;
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < a.length; ) {
            int n = Math.min(a.length - i, buf.capacity() / 4);
            buf.clear();
            buf.asFloatBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 4);
            i += n;
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            throw new EOFException("negative length");
        }
        float[] a = new float[len];
        byte[] bytes = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < len; ) {
            int n = Math.min(len - i, bytes.length / 4);
            in.readFully(bytes, 0, n * 4);
            buf.clear();
            buf.asFloatBuffer().get(a, i, n);
            i += n;
        }
        return a;
    }
}
