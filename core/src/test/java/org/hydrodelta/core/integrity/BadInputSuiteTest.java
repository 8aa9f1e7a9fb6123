package org.hydrodelta.core.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.doctor.DataDoctor;
import org.hydrodelta.core.data.doctor.DoctorReport;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.ConfigBounds;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.train.ExperimentData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite: cases generated from the real camels-regions sample files (forcing, flow and attribute
 * files broken in every way the issue lists, truncated at many offsets; project files mutated; every numeric key out
 * of its range). Each case goes through the same paths a user's data goes through — the data doctor
 * ({@code inspect}), the strict training load ({@code train}), and the training load with
 * {@code skipUnusable} — and must either be refused by one message naming the file (and the line and field where
 * they apply) with no exception text, or be accepted with every basin; never a crash, never a hang, never a basin
 * dropped silently. The tally is printed at the end.
 */
class BadInputSuiteTest {
    private static final List<String> BASINS = List.of("01013500", "01022500", "03439000");
    private static final String BAD = "01022500";
    private static final String FORCING = "basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt";
    private static final String FLOW = "usgs_streamflow/01/01022500_streamflow_qc.txt";
    private static final String TOPO = "camels_attributes_v2.0/camels_topo.txt";
    private static final String CLIM = "camels_attributes_v2.0/camels_clim.txt";

    @TempDir
    static Path tmp;

    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger CRASHES = new AtomicInteger();
    private static final AtomicInteger CASE_NO = new AtomicInteger();

    /** What a case must give. */
    enum Expect {
        /** Refused, naming the file (and line when given). */
        REFUSE,
        /** Accepted with every basin. */
        ACCEPT,
        /** Either (a cut that may land on a line end). */
        EITHER
    }

    record DataCase(String name, String file, byte[] content, Expect expect, long line, String field) {
    }

    @AfterAll
    static void tally() {
        System.out.printf("bad-input suite: %d cases tried, %d refused cleanly, %d accepted, %d crashes, 0 hangs"
                + " (a hang fails its case)%n", TRIED.get(), REFUSED.get(), ACCEPTED.get(), CRASHES.get());
    }

    static Path camels() {
        return TestPaths.sampleProject("camels-regions").resolve("data/camels-us");
    }

    static byte[] read(String rel) {
        try {
            return Files.readAllBytes(camels().resolve(rel));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(String rel) {
        return new ArrayList<>(List.of(new String(read(rel), StandardCharsets.UTF_8).split("\n", -1)));
    }

    static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces one whitespace-separated field of one line (1-based line, 0-based field). */
    static byte[] setField(String rel, int line, int field, String value) {
        List<String> l = lines(rel);
        String[] f = l.get(line - 1).trim().split("\\s+");
        f[field] = value;
        l.set(line - 1, String.join(rel.contains("forcing") ? "\t" : " ", f));
        return join(l);
    }

    static ExperimentConfig tinyConfig() {
        return new ExperimentConfig("delta-hbv", "camels", null,
                Period.inclusive(LocalDate.of(1993, 10, 1), LocalDate.of(1995, 9, 30)), null,
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)), 30, 60, null, null,
                new ExperimentConfig.Hbv(2, List.of(), false, true), new ExperimentConfig.Network("lstm", 8, 0.0),
                new ExperimentConfig.Training(null, null, "adam", 0.01, 1, 3, 2, 7L, 1, null));
    }

    /** A CAMELS folder of the three basins (links to the sample files) with one file replaced, and its project. */
    static Path fixture(String rel, byte[] content) throws Exception {
        Path dir = tmp.resolve("case" + CASE_NO.incrementAndGet());
        Path root = dir.resolve("camels-us");
        List<String> files = new ArrayList<>();
        for (String id : BASINS) {
            String huc = id.equals("03439000") ? "06" : "01";
            files.add("basin_mean_forcing/nldas/" + huc + "/" + id + "_lump_nldas_forcing_leap.txt");
            files.add("usgs_streamflow/" + huc + "/" + id + "_streamflow_qc.txt");
        }
        try (Stream<Path> s = Files.list(camels().resolve("camels_attributes_v2.0"))) {
            s.forEach(p -> files.add("camels_attributes_v2.0/" + p.getFileName()));
        }
        for (String f : files) {
            Path target = root.resolve(f);
            Files.createDirectories(target.getParent());
            if (f.equals(rel)) {
                if (content != null) {
                    Files.write(target, content);
                }
            } else {
                Files.createSymbolicLink(target, camels().resolve(f).toAbsolutePath());
            }
        }
        Project p = new Project("bad-input case");
        p.datasets().add(new DatasetRef("camels", "camels-us", root, "nldas", Map.of()));
        p.basins().addAll(BASINS);
        p.experiments().add(new Experiment("tiny", tinyConfig()));
        Path file = dir.resolve("case.hdproj");
        ProjectStore.save(p, file);
        return file;
    }

    static void noInternals(String message) {
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("java.lang").doesNotContain("JsonLocation");
    }

    static List<DataCase> dataCases() {
        List<DataCase> c = new ArrayList<>();
        Random rnd = new Random(11);
        // forcing file: line 5 is the first data line (1980-01-01); fields: year mnth day hr dayl prcp srad swe tmax
        // tmin vp
        int[] lines = {5, 6, 1000, 5122, 9000, 12000};
        for (int line : lines) {
            List<String> l = lines(FORCING);
            String[] f = l.get(line - 1).trim().split("\\s+");
            for (int keep : new int[] {1, 9}) {
                List<String> m = new ArrayList<>(l);
                m.set(line - 1, String.join("\t", java.util.Arrays.copyOf(f, keep)));
                c.add(new DataCase("forcing truncated line " + line + " after " + keep + " fields", FORCING, join(m),
                        Expect.REFUSE, line, null));
            }
            c.add(new DataCase("forcing non-numeric prcp line " + line, FORCING, setField(FORCING, line, 5, "abc"),
                    Expect.REFUSE, line, "PRCP(mm/day)"));
        }
        String[][] values = {{"5", "inf"}, {"5", "-inf"}, {"5", "Infinity"}, {"5", "1e38"}, {"5", "-5"},
            {"5", "2500"}, {"8", "75"}, {"9", "-95"}, {"8", "1e38"}, {"6", "-1"}, {"4", "90000"}, {"10", "-3"},
            {"7", "-2"}};
        String[] names = {"Hr", "Dayl(s)", "PRCP(mm/day)", "SRAD(W/m2)", "SWE(mm)", "Tmax(C)", "Tmin(C)", "Vp(Pa)"};
        for (String[] v : values) {
            int field = Integer.parseInt(v[0]);
            int line = 200 + rnd.nextInt(10000);
            c.add(new DataCase("forcing " + names[field - 3] + " = " + v[1] + " line " + line, FORCING,
                    setField(FORCING, line, field, v[1]), Expect.REFUSE, line, names[field - 3]));
        }
        // 30 February and other impossible dates
        List<String> l = lines(FORCING);
        int feb = -1;
        for (int i = 4; i < l.size(); i++) {
            if (l.get(i).startsWith("1990 02 28") || l.get(i).startsWith("1990\t02\t28")) {
                feb = i + 1;
                break;
            }
        }
        c.add(new DataCase("forcing 30 February", FORCING, setField(FORCING, feb, 2, "30"), Expect.REFUSE, feb, null));
        c.add(new DataCase("forcing month 13", FORCING, setField(FORCING, feb, 1, "13"), Expect.REFUSE, feb, null));
        c.add(new DataCase("forcing day 0", FORCING, setField(FORCING, feb, 2, "0"), Expect.REFUSE, feb, null));
        List<String> dup = lines(FORCING);
        dup.add(500, dup.get(499));
        c.add(new DataCase("forcing duplicated day", FORCING, join(dup), Expect.REFUSE, 501, null));
        List<String> swap = lines(FORCING);
        String a = swap.get(600);
        swap.set(600, swap.get(601));
        swap.set(601, a);
        c.add(new DataCase("forcing days out of order", FORCING, join(swap), Expect.REFUSE, 601, null));
        c.add(new DataCase("forcing extra field", FORCING, setField(FORCING, 50, 10, "257.60\t1"), Expect.REFUSE, 50,
                null));
        c.add(new DataCase("forcing commas", FORCING, new String(read(FORCING), StandardCharsets.UTF_8)
                .replace('\t', ',').getBytes(StandardCharsets.UTF_8), Expect.REFUSE, 0, null));
        c.add(new DataCase("forcing empty", FORCING, new byte[0], Expect.REFUSE, 0, null));
        c.add(new DataCase("forcing header only", FORCING, join(lines(FORCING).subList(0, 4)), Expect.REFUSE, 0, null));
        c.add(new DataCase("forcing missing", FORCING, null, Expect.REFUSE, 0, null));
        for (int k = 0; k < 4; k++) {
            byte[] bin = new byte[1 << (10 + 2 * k)];
            rnd.nextBytes(bin);
            c.add(new DataCase("forcing binary " + bin.length + " bytes", FORCING, bin, Expect.REFUSE, 0, null));
        }
        byte[] forcing = read(FORCING);
        byte[] bom = new byte[forcing.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(forcing, 0, bom, 3, forcing.length);
        c.add(new DataCase("forcing UTF-8 BOM", FORCING, bom, Expect.ACCEPT, 0, null));
        c.add(new DataCase("forcing CRLF", FORCING, new String(forcing, StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8), Expect.ACCEPT, 0, null));
        for (int k = 0; k < 6; k++) {
            int cut = k < 3 ? 5 + 20 * k : 100 + rnd.nextInt(forcing.length / 2);
            c.add(new DataCase("forcing cut at byte " + cut, FORCING, java.util.Arrays.copyOf(forcing, cut),
                    cut < 120 ? Expect.REFUSE : Expect.EITHER, 0, null));
        }

        // flow file: gauge_id year month day flow flag
        for (int line : new int[] {1, 5000}) {
            c.add(new DataCase("flow wrong basin id line " + line, FLOW, setField(FLOW, line, 0, "01013500"),
                    Expect.REFUSE, line, "gauge_id"));
            c.add(new DataCase("flow non-numeric line " + line, FLOW, setField(FLOW, line, 4, "x"), Expect.REFUSE,
                    line, "flow"));
            c.add(new DataCase("flow negative line " + line, FLOW, setField(FLOW, line, 4, "-5"), Expect.REFUSE, line,
                    "flow"));
            c.add(new DataCase("flow 1e38 line " + line, FLOW, setField(FLOW, line, 4, "1e38"), Expect.REFUSE, line,
                    "flow"));
            c.add(new DataCase("flow inf line " + line, FLOW, setField(FLOW, line, 4, "inf"), Expect.REFUSE, line,
                    "flow"));
            List<String> t = lines(FLOW);
            t.set(line - 1, t.get(line - 1).substring(0, 14));
            c.add(new DataCase("flow truncated line " + line, FLOW, join(t), Expect.REFUSE, line, null));
        }
        List<String> fl = lines(FLOW);
        int feb2 = -1;
        for (int i = 0; i < fl.size(); i++) {
            if (fl.get(i).startsWith(BAD + " 1991 02 28")) {
                feb2 = i + 1;
            }
        }
        c.add(new DataCase("flow 30 February", FLOW, setField(FLOW, feb2, 3, "30"), Expect.REFUSE, feb2, null));
        c.add(new DataCase("flow empty", FLOW, new byte[0], Expect.REFUSE, 0, null));
        byte[] fbin = new byte[4096];
        rnd.nextBytes(fbin);
        c.add(new DataCase("flow binary", FLOW, fbin, Expect.REFUSE, 0, null));
        byte[] flow = read(FLOW);
        c.add(new DataCase("flow CRLF", FLOW, new String(flow, StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8), Expect.ACCEPT, 0, null));
        byte[] fbom = new byte[flow.length + 3];
        fbom[0] = (byte) 0xEF;
        fbom[1] = (byte) 0xBB;
        fbom[2] = (byte) 0xBF;
        System.arraycopy(flow, 0, fbom, 3, flow.length);
        c.add(new DataCase("flow UTF-8 BOM", FLOW, fbom, Expect.ACCEPT, 0, null));
        c.add(new DataCase("flow missing", FLOW, null, Expect.REFUSE, 0, null));
        for (int k = 0; k < 5; k++) {
            int cut = 3 + rnd.nextInt(flow.length - 3);
            c.add(new DataCase("flow cut at byte " + cut, FLOW, java.util.Arrays.copyOf(flow, cut), Expect.EITHER, 0,
                    null));
        }

        // attribute tables
        for (String table : List.of(TOPO, CLIM)) {
            List<String> t = lines(table);
            int row = -1;
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).startsWith(BAD + ";")) {
                    row = i;
                }
            }
            List<String> d = new ArrayList<>(t);
            d.add(row + 1, t.get(row));
            c.add(new DataCase(table + " duplicated row", table, join(d), Expect.REFUSE, row + 2, null));
            List<String> n = new ArrayList<>(t);
            String[] f = n.get(row).split(";", -1);
            String col = t.get(0).split(";")[3];
            f[3] = "abc";
            n.set(row, String.join(";", f));
            c.add(new DataCase(table + " non-numeric " + col, table, join(n), Expect.REFUSE, row + 1, null));
            List<String> r = new ArrayList<>(t);
            r.remove(row);
            c.add(new DataCase(table + " basin missing", table, join(r), Expect.REFUSE, 0, null));
            List<String> tr = new ArrayList<>(t);
            tr.set(row, tr.get(row).substring(0, tr.get(row).lastIndexOf(';')));
            c.add(new DataCase(table + " truncated row", table, join(tr), Expect.REFUSE, row + 1, null));
            c.add(new DataCase(table + " empty", table, new byte[0], Expect.REFUSE, 0, null));
            byte[] tb = read(table);
            byte[] tbom = new byte[tb.length + 3];
            tbom[0] = (byte) 0xEF;
            tbom[1] = (byte) 0xBB;
            tbom[2] = (byte) 0xBF;
            System.arraycopy(tb, 0, tbom, 3, tb.length);
            c.add(new DataCase(table + " UTF-8 BOM", table, tbom, Expect.ACCEPT, 0, null));
            c.add(new DataCase(table + " CRLF", table, new String(tb, StandardCharsets.UTF_8).replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8), Expect.ACCEPT, 0, null));
        }
        return c;
    }

    @TestFactory
    Stream<DynamicTest> dataFiles() {
        return dataCases().stream().map(dc -> DynamicTest.dynamicTest(dc.name(), () ->
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> runDataCase(dc))));
    }

    private static void runDataCase(DataCase dc) throws Exception {
        TRIED.incrementAndGet();
        Path file = fixture(dc.file(), dc.content());
        Path mutated = file.getParent().resolve("camels-us").resolve(dc.file());
        Project project = ProjectStore.load(file);
        ExperimentConfig config = project.experiment("tiny").orElseThrow().config();
        DoctorReport report;
        ExperimentData strict = null;
        RuntimeException refusal = null;
        try {
            report = org.hydrodelta.core.project.ProjectDoctor.inspect(file, LoadOptions.defaults());
        } catch (DataFormatException e) {
            report = null;
            noInternals(e.getMessage());
            assertThat(e.getMessage()).contains(mutated.getFileName().toString());
        } catch (RuntimeException e) {
            CRASHES.incrementAndGet();
            throw e;
        }
        try {
            strict = ExperimentData.load(project, config, false, ProgressListener.NONE, CancellationToken.NONE);
        } catch (IllegalArgumentException | DataFormatException e) {
            refusal = e;
        } catch (RuntimeException e) {
            CRASHES.incrementAndGet();
            throw e;
        }
        if (refusal == null) {
            assertThat(dc.expect()).as(dc.name() + " was accepted").isNotEqualTo(Expect.REFUSE);
            assertThat(strict.dataset().basinIds()).containsExactlyElementsOf(BASINS);
            assertThat(report).isNotNull();
            assertThat(report.usable()).as("inspect agrees with train").isTrue();
            ACCEPTED.incrementAndGet();
            return;
        }
        assertThat(dc.expect()).as(dc.name() + " was refused: " + refusal.getMessage()).isNotEqualTo(Expect.ACCEPT);
        String msg = refusal.getMessage();
        noInternals(msg);
        if (dc.content() == null || dc.expect() == Expect.EITHER) {
            assertThat(msg).as("names the basin").contains(BAD);
        } else {
            assertThat(msg).as("names the file").contains(mutated.getFileName().toString());
        }
        if (dc.line() > 0) {
            assertThat(msg).as("names the line").contains(":" + dc.line() + ":");
        }
        if (dc.field() != null) {
            assertThat(msg).as("names the field").contains(dc.field());
        }
        if (report != null && dc.expect() == Expect.REFUSE) {
            assertThat(report.usable()).as(dc.name() + ": inspect agrees with train: " + msg).isFalse();
        }
        if (refusal instanceof ExperimentData.UnusableBasinsException u) {
            assertThat(u.unusable()).extracting(x -> x.basinId()).containsExactly(BAD);
            assertThat(msg).contains("--skip-unusable");
        }
        if (refusal instanceof ExperimentData.UnusableBasinsException && CASE_NO.get() % 4 == 0) {
            // the same data with --skip-unusable: the two good basins, the bad one listed with its reason
            ExperimentData skipped = ExperimentData.load(project, config, true, ProgressListener.NONE,
                    CancellationToken.NONE);
            assertThat(skipped.dataset().basinIds()).containsExactly("01013500", "03439000");
            assertThat(skipped.skipped()).extracting(x -> x.basinId()).containsExactly(BAD);
        }
        REFUSED.incrementAndGet();
    }

    /** Project-file mutations: every one refused naming the file (and the key), never half-loaded. */
    static Map<String, String> projectMutations() throws IOException {
        Path sample = TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj");
        String text = Files.readString(sample);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trailing garbage", text + "garbage");
        m.put("trailing second object", text + "{}");
        m.put("deeply nested", "{\"formatVersion\":1,\"name\":\"x\",\"description\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}");
        m.put("deeply nested config", mutate(n -> config(n).set("hbv", deep(3000))));
        m.put("empty", "");
        m.put("only whitespace", "  \n ");
        m.put("array", "[1,2]");
        m.put("no formatVersion", mutate(n -> n.remove("formatVersion")));
        m.put("formatVersion 99", mutate(n -> n.put("formatVersion", 99)));
        m.put("formatVersion text", mutate(n -> n.put("formatVersion", "one")));
        m.put("unknown key", mutate(n -> n.putArray("basinz")));
        m.put("basin id number", mutate(n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("basins"))
                .set(0, n.numberNode(1013500))));
        m.put("unknown forcing", mutate(n -> config(n).putArray("forcings").add("rain")));
        m.put("unknown experiment key", mutate(n -> config(n).put("epochz", 3)));
        m.put("run with unknown status", mutate(n -> n.withArray("runs").addObject().put("name", "r")
                .put("path", "r").put("status", "exploded")));
        m.put("run without path", mutate(n -> n.withArray("runs").addObject().put("name", "r")));
        m.put("dataset without type", mutate(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("datasets")
                .get(0)).remove("type")));
        m.put("created not a date", mutate(n -> n.put("created", "yesterday")));
        m.put("period reversed text", mutate(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) config(n)
                .get("trainPeriod")).put("start", "not-a-date")));
        Random rnd = new Random(5);
        for (int k = 0; k < 30; k++) {
            int cut = 1 + rnd.nextInt(text.trim().length() - 2);
            m.put("cut at " + cut, text.substring(0, cut));
        }
        return m;
    }

    static com.fasterxml.jackson.databind.node.ObjectNode config(com.fasterxml.jackson.databind.node.ObjectNode n) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) n.get("experiments").get(0).get("config");
    }

    static com.fasterxml.jackson.databind.JsonNode deep(int depth) {
        com.fasterxml.jackson.databind.node.ObjectNode root = ProjectStore.mapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode n = root;
        for (int i = 0; i < depth; i++) {
            n = n.putObject("a");
        }
        return root;
    }

    static String mutate(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change)
            throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode)
                ProjectStore.mapper().readTree(TestPaths.sampleProject("camels-regions")
                        .resolve("camels-regions.hdproj").toFile());
        change.accept(n);
        try {
            return ProjectStore.mapper().writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // deeper than the writer allows: write it by hand
            return ProjectStore.mapper().writeValueAsString(ProjectStore.mapper().createObjectNode())
                    .replace("}", "\"formatVersion\":1,\"name\":\"x\",\"experiments\":[{\"name\":\"e\",\"config\":"
                    + "{\"hbv\":" + "{\"a\":".repeat(3000) + "{}" + "}".repeat(3000) + "}}]}");
        }
    }

    @TestFactory
    Stream<DynamicTest> projectFiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : projectMutations().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> projectCase(e.getKey(),
                    e.getValue().getBytes(StandardCharsets.UTF_8), null)));
        }
        Random rnd = new Random(3);
        for (int k = 0; k < 3; k++) {
            byte[] bin = new byte[1000 * (k + 1)];
            rnd.nextBytes(bin);
            tests.add(DynamicTest.dynamicTest("binary " + bin.length, () -> projectCase("binary", bin, null)));
        }
        tests.add(DynamicTest.dynamicTest("binary with NUL", () -> projectCase("nul", new byte[] {'{', 0, 0, '}'},
                null)));
        // every numeric key above and below its range, and absurd sizes (the batchSize 2e9, hiddenSize and
        // components huge)
        for (ConfigBounds.Bound b : ConfigBounds.all()) {
            boolean integer = !b.key().equals("network.dropout") && !b.key().equals("training.lossAlpha")
                    && !b.key().equals("training.learningRate");
            List<String> bad = new ArrayList<>(List.of(integer ? Long.toString((long) b.max() + 1)
                    : Double.toString(b.max() * 2 + 1), integer ? Long.toString((long) b.min() - 1) : "-1"));
            if (integer) {
                bad.add("2000000000");
                bad.add("10000000000");
            }
            for (String v : bad) {
                tests.add(DynamicTest.dynamicTest(b.key() + " = " + v, () -> projectCase(b.key() + "=" + v,
                        withKey(b.key(), v).getBytes(StandardCharsets.UTF_8), b.key())));
            }
        }
        return tests.stream();
    }

    /** The sample project with one experiment key set in its first experiment. */
    static String withKey(String key, String value) throws IOException {
        String[] path = key.split("\\.");
        com.fasterxml.jackson.databind.JsonNode v = ProjectStore.mapper().readTree(value);
        return mutate(n -> {
            com.fasterxml.jackson.databind.node.ObjectNode c = config(n);
            if (path.length == 1) {
                c.set(key, v);
            } else {
                c.with(path[0]).set(path[1], v);
            }
        });
    }

    private static void projectCase(String name, byte[] content, String key) throws IOException {
        TRIED.incrementAndGet();
        Path dir = tmp.resolve("project" + CASE_NO.incrementAndGet());
        Files.createDirectories(dir);
        Path file = dir.resolve("p.hdproj");
        Files.write(file, content);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                ProjectStore.load(file);
                CRASHES.incrementAndGet();
                throw new AssertionError(name + ": a broken project file was loaded");
            } catch (ProjectException e) {
                assertThat(e.getMessage()).startsWith(file.toString() + ": ");
                noInternals(e.getMessage().replace(file.toString(), ""));
                assertThat(e.getMessage()).doesNotContain("JsonLocation").doesNotContain("Input length");
                if (key != null) {
                    assertThat(e.getMessage()).contains(key);
                }
                REFUSED.incrementAndGet();
            } catch (RuntimeException | StackOverflowError e) {
                CRASHES.incrementAndGet();
                throw new AssertionError(name + ": crashed with " + e, e);
            }
        });
        // nothing written next to it
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).doesNotContain("p.hdproj.tmp");
        }
    }
}
