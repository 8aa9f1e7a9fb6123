package org.hydrodelta.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hydrodelta.repo.root", ".."));

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HydroDeltaCommand.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reportsEveryBasinOfCamelsRegionsAndExitsZero() throws IOException {
        Path csv = tmp.resolve("report.csv");
        Run r = run("inspect", ROOT.resolve("sample-projects/camels-regions").toString(), "--csv", csv.toString());
        assertThat(r.code()).isZero();
        for (String id : List.of("01013500", "01022500", "06221400", "10259000", "12010000")) {
            assertThat(r.out()).contains(id + "  ok  ");
        }
        assertThat(r.out()).contains("basins: 19 usable, 0 skipped", "verdict: usable", "Tmax==Tmin");
        assertThat(r.err()).doesNotContain("ERROR").contains("WARN ");
        assertThat(Files.readAllLines(csv)).hasSize(20);
    }

    @Test
    void namesCorruptedFileAndLineAndExitsOne() throws IOException {
        Path src = ROOT.resolve("sample-projects/camels-regions/data/camels-us");
        Path root = tmp.resolve("camels-us");
        for (String rel : List.of("basin_mean_forcing/nldas/01/01013500_lump_nldas_forcing_leap.txt",
                "usgs_streamflow/01/01013500_streamflow_qc.txt",
                "basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt",
                "usgs_streamflow/01/01022500_streamflow_qc.txt")) {
            Files.createDirectories(root.resolve(rel).getParent());
            Files.copy(src.resolve(rel), root.resolve(rel));
        }
        Path bad = root.resolve("basin_mean_forcing/nldas/01/01022500_lump_nldas_forcing_leap.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(bad));
        lines.set(9, lines.get(9).substring(0, 20)); // deliberately truncated line 10
        Files.write(bad, lines);
        Run r = run("inspect", root.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR " + bad + ":10: basin 01022500: column 'PRCP(mm/day)': truncated line:"
                + " expected 11 fields, found 5");
        assertThat(r.out()).contains("01013500  ok  ", "01022500  SKIPPED  ", "verdict: NOT usable");
    }
}
