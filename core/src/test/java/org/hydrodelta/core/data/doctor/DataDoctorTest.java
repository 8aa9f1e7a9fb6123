package org.hydrodelta.core.data.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDoctorTest {
    @TempDir
    Path tmp;

    @Test
    void reportsEveryRegionBasinAsUsable() throws IOException {
        DoctorReport r = new DataDoctor().inspect(TestData.repoRoot().resolve("sample-projects/camels-regions"),
                LoadOptions.defaults());
        assertThat(r.basins()).hasSize(19).allMatch(BasinDiagnosis::usable);
        assertThat(r.usable()).isTrue();
        BasinDiagnosis b = r.basins().stream().filter(x -> x.basinId().equals("06221400")).findFirst().orElseThrow();
        assertThat(b.period().start()).isEqualTo(LocalDate.of(1993, 9, 29));
        assertThat(b.tmaxEqualsTmin()).isTrue();
        assertThat(b.coverage().get(Variable.PRCP)).isEqualTo(1.0);
        // flow starts 2002-06-30 and has 66 days flagged M: count valid flow days inside the forcing period by hand
        long valid = 0;
        for (String line : Files.readAllLines(TestData.camelsRegions().resolve("usgs_streamflow/10/06221400_streamflow_qc.txt"))) {
            String[] t = line.trim().split("\\s+");
            LocalDate d = LocalDate.of(Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3]));
            if (b.period().contains(d) && Double.parseDouble(t[4]) >= 0) {
                valid++;
            }
        }
        assertThat(b.coverage().get(Variable.QOBS)).isEqualTo(valid / (double) b.period().days());
        assertThat(b.droppedDays()).isEqualTo(b.period().days() - valid);
        assertThat(r.summary()).contains("basins: 19 usable, 0 skipped", "verdict: usable");
    }

    @Test
    void namesCorruptedFileAndLineAndIsNotUsable() throws IOException {
        Path root = tmp.resolve("camels-us");
        Path src = TestData.camelsRegions();
        Files.createDirectories(root.resolve("basin_mean_forcing/nldas/01"));
        Files.createDirectories(root.resolve("usgs_streamflow/01"));
        for (String id : List.of("01013500", "01022500")) {
            Files.copy(src.resolve("basin_mean_forcing/nldas/01/" + id + "_lump_nldas_forcing_leap.txt"),
                    root.resolve("basin_mean_forcing/nldas/01/" + id + "_lump_nldas_forcing_leap.txt"));
            Files.copy(src.resolve("usgs_streamflow/01/" + id + "_streamflow_qc.txt"),
                    root.resolve("usgs_streamflow/01/" + id + "_streamflow_qc.txt"));
        }
        Path q = root.resolve("usgs_streamflow/01/01022500_streamflow_qc.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(q));
        lines.set(41, "01022500 1980 02 11   2x0.00 A"); // deliberately corrupted
        Files.write(q, lines);
        DoctorReport r = new DataDoctor().inspect(root, LoadOptions.defaults());
        assertThat(r.usable()).isFalse();
        assertThat(r.issues()).filteredOn(i -> i.severity() == DataIssue.Severity.ERROR).extracting(DataIssue::format)
                .containsExactly("ERROR " + q + ":42: basin 01022500: column 'flow': non-numeric value '2x0.00'");
        assertThat(r.basins()).filteredOn(BasinDiagnosis::usable).extracting(BasinDiagnosis::basinId)
                .containsExactly("01013500");
        Path csv = tmp.resolve("report.csv");
        r.writeCsv(csv);
        assertThat(Files.readAllLines(csv)).hasSize(3).first().asString().startsWith("basin,status,start,end");
    }

    @Test
    void inspectsCsvMappingAndCaravan() {
        Path res = TestData.repoRoot().resolve("core/src/test/resources");
        assertThat(new DataDoctor().inspect(res.resolve("csv-fixture/mapping.json"), LoadOptions.defaults()).usable())
                .isTrue();
        DoctorReport car = new DataDoctor().inspect(res.resolve("caravan-fixture"), LoadOptions.defaults());
        assertThat(car.layout()).isEqualTo("Caravan");
        assertThat(car.basins()).hasSize(2).allMatch(BasinDiagnosis::usable);
    }

    @Test
    void followsAProjectFileToItsDatasetAndBasins() throws IOException {
        Path project = TestData.repoRoot().resolve("sample-projects/camels-regions/camels-regions.hdproj");
        DoctorReport r = org.hydrodelta.core.project.ProjectDoctor.inspect(project, LoadOptions.defaults());
        assertThat(r.basins()).hasSize(19);
        assertThat(r.layout()).isEqualTo("CAMELS-US (dataset 'camels-nldas' of the project)");

        Path broken = tmp.resolve("broken.hdproj");
        Files.writeString(broken, "{\"formatVersion\": 1, \"name\": \"x\", \"data\": {}}");
        assertThatThrownBy(() -> org.hydrodelta.core.project.ProjectDoctor.inspect(broken, LoadOptions.defaults()))
                .hasMessageContaining("broken.hdproj").hasMessageContaining("unknown key 'data'");
    }
}
