package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code export-arrays} on the 19 real CAMELS basins of {@code sample-projects/camels-regions}: the arrays have the
 * experiment's shapes and hold the values of the source files.
 */
class ExportArraysCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    private static final Path SAMPLE = ROOT.resolve("sample-projects/camels-regions");

    @TempDir
    static Path tmp;

    private static Path out;
    private static JsonNode meta;

    private record Npy(int[] shape, float[] data) {
    }

    @BeforeAll
    static void export() throws IOException {
        out = tmp.resolve("arrays");
        CommandLine cl = HydroDeltaCommand.create();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("export-arrays", SAMPLE.resolve("camels-regions.hdproj").toString(), "--experiment",
                "delta-desktop", out.toString());
        assertThat(code).as(err.toString()).isZero();
        meta = new ObjectMapper().readTree(out.resolve(ExportArraysCommand.META).toFile());
    }

    /** Reads a little-endian float32 C-order .npy file. */
    private static Npy read(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(out.resolve(name));
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'", "'fortran_order': False");
        Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        assertThat(m.find()).isTrue();
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        ByteBuffer buf = ByteBuffer.wrap(bytes, 10 + headerLen, bytes.length - 10 - headerLen)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(data);
        return new Npy(shape, data);
    }

    @Test
    void shapesFollowTheExperimentsPeriodsAndBasins() throws IOException {
        assertThat(meta.get("basins")).hasSize(19);
        assertThat(meta.get("basins").get(0).asText()).isEqualTo("01013500");
        assertThat(meta.get("attributes")).hasSize(35);
        // training 1993-10-01..2003-09-30: 3652 days; test run-up from the first training day (spec 5.6)
        assertThat(read("train_forcing.npy").shape()).containsExactly(19, 3652, 3);
        assertThat(read("train_flow.npy").shape()).containsExactly(19, 3652);
        JsonNode test = meta.get("periods").get("test");
        assertThat(test.get("start").asText()).isEqualTo("1993-10-01");
        assertThat(test.get("scoredStart").asText()).isEqualTo("2008-10-01");
        assertThat(test.get("runUpEnd").asText()).isEqualTo("2003-10-01");
        assertThat(test.get("scoredFromIndex").asInt()).isEqualTo(5479);
        assertThat(read("test_forcing.npy").shape()).containsExactly(19, 5479 + 1826, 3);
        assertThat(read("validation_flow.npy").shape()).containsExactly(19, 3652 + 1827);
        assertThat(read("attributes.npy").shape()).containsExactly(19, 35);
        // 19 basins, batch 19, window 365, 3652 - 365 usable days: 40 iterations (spec 5.4)
        assertThat(meta.get("iterationsPerEpoch").asInt()).isEqualTo(40);
        assertThat(meta.get("config").get("training").get("epochs").asInt()).isEqualTo(20);
    }

    @Test
    void valuesAreThoseOfTheSourceFiles() throws IOException {
        // 01013500_lump_nldas_forcing_leap.txt, 1993 10 01: PRCP 0.22 mm/d, Tmax = Tmin = 4.75 degC
        Npy x = read("train_forcing.npy");
        assertThat(x.data()[0]).isEqualTo(0.22f);
        assertThat(x.data()[1]).isEqualTo(4.75f);
        assertThat(x.data()[2]).isFinite().isGreaterThanOrEqualTo(0f);
        // camels_clim.txt: p_mean of 01013500 = 3.12667898699521, pet_mean 1.97155451060917
        Npy a = read("attributes.npy");
        assertThat(a.data()[0]).isEqualTo(3.12667898699521f);
        assertThat(a.data()[1]).isEqualTo(1.97155451060917f);
        // the test span starts on the first training day: its first days equal the training arrays
        Npy t = read("test_forcing.npy");
        int days = 5479 + 1826;
        for (int d = 0; d < 3652; d += 97) {
            for (int f = 0; f < 3; f++) {
                assertThat(t.data()[(18 * days + d) * 3 + f]).isEqualTo(x.data()[(18 * 3652 + d) * 3 + f]);
            }
        }
        // observed flow in mm/d: non-negative, NaN on missing days, most days observed
        Npy q = read("train_flow.npy");
        long finite = 0;
        for (float v : q.data()) {
            finite += Float.isFinite(v) ? 1 : 0;
            assertThat(Float.isNaN(v) || v >= 0).isTrue();
        }
        assertThat(finite).isGreaterThan(q.data().length * 9L / 10);
    }
}
