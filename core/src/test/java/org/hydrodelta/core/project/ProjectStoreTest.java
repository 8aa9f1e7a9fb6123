package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.TestPaths;
import org.hydrodelta.core.data.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectStoreTest {
    @TempDir
    Path tmp;

    private static Path sample() {
        return TestPaths.sampleProject("camels-regions").resolve("camels-regions.hdproj");
    }

    @Test
    void loadsTheBundledSampleProjectsWithExistingPaths() throws Exception {
        Project p = ProjectStore.load(sample());
        assertThat(p.basins()).hasSize(19).contains("01022500", "01013500", "10259000");
        assertThat(p.datasets()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("camels-us");
            assertThat(d.forcing()).isEqualTo("nldas");
            assertThat(d.path()).isDirectory();
        });
        assertThat(p.layers()).allSatisfy(l -> assertThat(l.path()).isRegularFile());
        assertThat(p.experiments()).extracting(Experiment::name)
                .containsExactly("delta-desktop", "lstm-desktop", "calibrated-hbv", "delta-paper", "delta11p-desktop",
                        "delta-small", "delta-small-baseflow");
        assertThat(p.experiment("delta-small-baseflow").orElseThrow().config().targets()).hasSize(2);
        assertThat(p.datasets().get(0).options()).containsEntry("observation.baseflow", "baseflow-filter:0.925");
        ExperimentConfig paper = p.experiment("delta-paper").orElseThrow().config();
        assertThat(paper.hbv().components()).isEqualTo(16);
        assertThat(paper.hbv().dynamicParameters()).containsExactly("BETA", "BETAET");
        assertThat(paper.trainPeriod().start()).isEqualTo(LocalDate.of(1993, 10, 1));

        Project pisc = ProjectStore.load(TestPaths.sampleProject("piscataquis-01031500").resolve("piscataquis.hdproj"));
        assertThat(pisc.basins()).containsExactly("01031500");
        assertThat(pisc.experiment("calibrated-hbv").orElseThrow().config().model()).isEqualTo("calibrated-hbv");
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Project p = new Project("round trip");
        p.setDescription("desc");
        p.datasets().add(new DatasetRef("csv", "csv", tmp.resolve("data/flows"), null,
                Map.of("dateColumn", "date", "precipitation", "P [mm/d]")));
        p.basins().addAll(List.of("01013500", "00012345"));
        p.layers().add(new LayerRef("states", "backdrop", tmp.resolve("geo/states.geojson")));
        ExperimentConfig custom = new ExperimentConfig("delta-hbv", "csv", List.of("01013500"), null,
                Period.inclusive(LocalDate.of(1995, 10, 1), LocalDate.of(1996, 9, 30)),
                null, 100, 200, null, List.of("p_mean"), new ExperimentConfig.Hbv(2, List.of(), true, true),
                new ExperimentConfig.Network("mlp", 32, 0.0), null);
        p.experiments().add(new Experiment("custom", custom));
        p.runs().add(new RunRef("run-1", "custom", tmp.resolve("runs/run-1"), java.time.Instant.parse(
                "2026-01-02T03:04:05Z")));
        Path file = tmp.resolve("p.hdproj");
        ProjectStore.save(p, file);

        Project q = ProjectStore.load(file);
        assertThat(q.name()).isEqualTo("round trip");
        assertThat(q.description()).isEqualTo("desc");
        assertThat(q.created()).isEqualTo(p.created());
        assertThat(q.modified()).isEqualTo(p.modified());
        assertThat(q.datasets()).containsExactlyElementsOf(p.datasets());
        assertThat(q.basins()).containsExactly("01013500", "00012345");
        assertThat(q.layers()).containsExactlyElementsOf(p.layers());
        assertThat(q.experiments()).containsExactlyElementsOf(p.experiments());
        assertThat(q.runs()).containsExactlyElementsOf(p.runs());
        assertThat(Files.readString(file)).contains("\"path\" : \"data/flows\"").doesNotContain(tmp.toString());
    }

    @Test
    void movedProjectFolderStillOpens() throws Exception {
        Path a = tmp.resolve("a/proj");
        Project p = new Project("moving");
        p.datasets().add(new DatasetRef("d", "camels-us", a.resolve("data/camels-us"), "nldas", null));
        ProjectStore.save(p, a.resolve("m.hdproj"));
        Path b = tmp.resolve("elsewhere/deeper/proj");
        Files.createDirectories(b.getParent());
        Files.move(a, b);
        Project moved = ProjectStore.load(b.resolve("m.hdproj"));
        assertThat(moved.datasets().get(0).path()).isEqualTo(b.resolve("data/camels-us"));
    }

    @Test
    void failureMidSaveLeavesThePreviousFileIntact() throws Exception {
        Path file = tmp.resolve("keep.hdproj");
        Project p = new Project("first version");
        ProjectStore.save(p, file);
        String before = Files.readString(file);

        p.setName("second version");
        assertThatThrownBy(() -> ProjectStore.save(p, file, out -> new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 50) {
                    super.write(b, off, 50 - written);
                    throw new IOException("disk full (simulated)");
                }
                written += len;
                super.write(b, off, len);
            }
        })).isInstanceOf(ProjectException.class).hasMessageContaining("disk full (simulated)")
                .hasMessageContaining("keep.hdproj");

        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(tmp.resolve("keep.hdproj.tmp")).doesNotExist();
        assertThat(ProjectStore.load(file).name()).isEqualTo("first version");
    }

    @Test
    void savingAgainKeepsThePreviousFileAsBackup() throws Exception {
        Path file = tmp.resolve("b.hdproj");
        Project p = new Project("v1");
        ProjectStore.save(p, file);
        p.setName("v2");
        ProjectStore.save(p, file);
        assertThat(ProjectStore.load(tmp.resolve("b.hdproj.bak")).name()).isEqualTo("v1");
        assertThat(ProjectStore.load(file).name()).isEqualTo("v2");
    }

    private Path write(String json) throws IOException {
        Path f = tmp.resolve("bad.hdproj");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void rejectsAMissingFile() {
        assertThatThrownBy(() -> ProjectStore.load(tmp.resolve("nope.hdproj")))
                .isInstanceOf(ProjectException.class).hasMessageEndingWith("nope.hdproj: file not found");
    }

    @Test
    void rejectsMalformedJsonWithLineAndColumn() throws Exception {
        Path f = write("{\n  \"formatVersion\": 1,\n  \"name\": \"x\"\n  \"basins\": []\n}");
        assertThatThrownBy(() -> ProjectStore.load(f)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("bad.hdproj: not valid JSON at line 4, column 3");
    }

    @Test
    void rejectsAFileWithoutFormatVersion() throws Exception {
        Path f = write("{\"name\": \"x\"}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("no formatVersion: not a HydroDelta "
                + "project file");
    }

    @Test
    void rejectsANewerFormatVersion() throws Exception {
        Path f = write("{\"formatVersion\": 2, \"name\": \"x\"}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("formatVersion 2 is newer than");
    }

    @Test
    void rejectsAnUnknownFormatVersion() throws Exception {
        Path f = write("{\"formatVersion\": \"one\", \"name\": \"x\"}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("unknown formatVersion \"one\"");
    }

    @Test
    void rejectsAnUnknownExperimentKeyByName() throws Exception {
        Path f = write("{\"formatVersion\": 1, \"name\": \"x\", \"experiments\": [{\"name\": \"e\", \"config\": "
                + "{\"training\": {\"epochs\": 3, \"learningRat\": 0.1}}}]}");
        assertThatThrownBy(() -> ProjectStore.load(f))
                .hasMessageContaining("experiment 'e': unknown key 'training.learningRat'");
    }

    @Test
    void rejectsAnInvalidExperimentValueNamingTheKey() throws Exception {
        Path f = write("{\"formatVersion\": 1, \"name\": \"x\", \"experiments\": [{\"name\": \"e\", \"config\": "
                + "{\"training\": {\"epochs\": 0}, \"hbv\": {\"dynamicParameters\": [\"BETA\", \"MAXBAS\"]}}}]}");
        assertThatThrownBy(() -> ProjectStore.load(f))
                .hasMessageContaining("training.epochs must be in [1, 100000], was 0")
                .hasMessageContaining("hbv.dynamicParameters: unknown parameter 'MAXBAS'");
    }

    @Test
    void periodsAreWrittenWithTheirLastDayAndValidatedOnRead() throws Exception {
        Project p = new Project("periods");
        p.experiments().add(new Experiment("e", ExperimentConfig.defaults()));
        Path file = tmp.resolve("periods.hdproj");
        ProjectStore.save(p, file);
        assertThat(Files.readString(file)).contains("\"start\" : \"1980-10-01\",\n        \"end\" : \"1995-09-30\"");

        Path f = write("{\"formatVersion\": 1, \"name\": \"x\", \"experiments\": [{\"name\": \"e\", \"config\": "
                + "{\"testPeriod\": {\"start\": \"2001-10-01\", \"end\": \"2001-09-31\"}}}]}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("experiment 'e'")
                .hasMessageContaining("period end '2001-09-31' is not a date");
        Path g = write("{\"formatVersion\": 1, \"name\": \"x\", \"experiments\": [{\"name\": \"e\", \"config\": "
                + "{\"testPeriod\": {\"start\": \"2001-10-01\", \"end\": \"2000-09-30\"}}}]}");
        assertThatThrownBy(() -> ProjectStore.load(g)).hasMessageContaining("period ends (2000-09-30) before it "
                + "starts (2001-10-01)");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() throws Exception {
        Path f = write("{\"formatVersion\": 1, \"name\": \"x\", \"basin\": [\"01013500\"]}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("project: unknown key 'basin'");
    }

    @Test
    void rejectsNumericBasinIdsThatWouldLoseLeadingZeros() throws Exception {
        Path f = write("{\"formatVersion\": 1, \"name\": \"x\", \"basins\": [1013500]}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("basins: ids must be strings");
    }

    @Test
    void rejectsADatasetWithoutPath() throws Exception {
        Path f = write("{\"formatVersion\": 1, \"name\": \"x\", \"datasets\": [{\"name\": \"d\", \"type\": \"csv\"}]}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("datasets[0]: missing 'path'");
    }
}
