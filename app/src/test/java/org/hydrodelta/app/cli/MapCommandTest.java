package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MapCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));
    private static final Path GEO = ROOT.resolve("sample-projects/camels-regions/data/geo");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = HydroDeltaCommand.create();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void rendersStatesBasinsAndGaugesToPngSvgAndPdf(@TempDir Path dir) throws Exception {
        for (String ext : new String[] {"png", "svg", "pdf"}) {
            Path file = dir.resolve("aridity." + ext);
            int rc = run("map", GEO.resolve("us_states/conus_states.geojson").toString(),
                    GEO.resolve("basin_polygons/camels_01022500_01031500.shp").toString(),
                    GEO.resolve("camels_gauges_671.geojson").toString(), "--color-by", "aridity", "--ramp", "magma",
                    "--classify", "quantiles", "--classes", "4", "--units", "-", "--size", "640x400",
                    "--out", file.toString());
            assertThat(rc).as(err.toString()).isZero();
            assertThat(Files.size(file)).isGreaterThan(1000);
        }
        BufferedImage img = ImageIO.read(dir.resolve("aridity.png").toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(Files.readString(dir.resolve("aridity.svg"))).contains("aridity [-]");
        assertThat(out.toString()).contains("wrote").contains("640x400, 3 layers");
    }

    @Test
    void badFileEndsWithErrorNamingFileAndRecordAndStatusOne(@TempDir Path dir) {
        Path bad = ROOT.resolve("maps/src/test/resources/fixtures/bad/record_length.shp");
        int rc = run("map", GEO.resolve("us_states/conus_states.geojson").toString(), bad.toString(),
                "--out", dir.resolve("x.png").toString());
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR " + bad + ": record 2: record-length mismatch");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void unknownColourFieldIsAnError(@TempDir Path dir) {
        int rc = run("map", GEO.resolve("camels_gauges_671.geojson").toString(), "--color-by", "snowpack",
                "--out", dir.resolve("x.png").toString());
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("no layer has the field 'snowpack'");
    }
}
