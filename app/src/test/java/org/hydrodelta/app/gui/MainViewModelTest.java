package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.app.task.CurrentThreadTaskExecutor;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.app.gui.hydrograph.HydrographViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's state in plain JUnit: open, dirty marker, autosave, recent list, hydrograph lookup. */
class MainViewModelTest {
    @TempDir
    Path tmp;

    private Path copyOfSample() throws Exception {
        Path src = Path.of(System.getProperty("hydrodelta.repo.root")).resolve("sample-projects/camels-regions");
        Path file = tmp.resolve("proj/camels-regions.hdproj");
        // a project elsewhere that points at the sample's data: paths are rewritten relative on save
        ProjectStore.save(ProjectStore.load(src.resolve("camels-regions.hdproj")), file);
        return file;
    }

    @Test
    void editsMarkTheProjectAndAutosaveClearsTheMark() throws Exception {
        Path file = copyOfSample();
        MainViewModel vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")),
                new CurrentThreadTaskExecutor());
        assertThat(vm.open(file)).isTrue();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.autosave()).as("nothing to save").isFalse();
        assertThat(vm.data().datasetProperty().get().nBasins()).isEqualTo(19);
        assertThat(vm.hydrograph("01022500")).isPresent();
        // a basin without a run is drawn over its own record (the sample's NLDAS data start in 1993, on a dataset
        // axis from 1980), and the date slider, the readout and the chart agree on it
        HydrographViewModel h = vm.hydrograph("01013500").orElseThrow();
        org.hydrodelta.core.data.BasinDataset ds = vm.data().datasetProperty().get();
        assertThat(ds.start()).isBefore(java.time.LocalDate.of(1993, 1, 1));
        assertThat(h.firstDay()).isAfter(java.time.LocalDate.of(1993, 1, 1)).isBefore(java.time.LocalDate.of(1994, 1, 1));
        assertThat(h.nDays()).isLessThan(ds.nDays() - 365 * 12);
        assertThat(h.describe(h.firstDay())).contains("observed");
        assertThat(h.describe(h.firstDay().minusDays(1))).isEmpty();
        org.jfree.data.xy.XYDataset flow = ((org.jfree.chart.plot.XYPlot) ((org.jfree.chart.plot.CombinedDomainXYPlot)
                h.chart().getPlot()).getSubplots().get(0)).getDataset();
        assertThat(flow.getItemCount(0)).isEqualTo(h.nDays());

        vm.projectProperty().get().experiments().remove(0);
        vm.experimentsChanged();
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.titleBinding().get()).startsWith("• CAMELS regions");
        assertThat(vm.explorer().experiments()).doesNotContain("delta-desktop");

        assertThat(vm.autosave()).isTrue();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(ProjectStore.load(file).experiment("delta-desktop")).isEmpty();
        assertThat(Files.readAllLines(tmp.resolve("recent.txt"))).contains(file.toAbsolutePath().toString());
    }

    @Test
    void aNewProjectIsUnsavedUntilSavedAs() {
        MainViewModel vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")),
                new CurrentThreadTaskExecutor());
        vm.newProject();
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.autosave()).as("no file yet").isFalse();
        assertThat(vm.saveAs(tmp.resolve("new.hdproj"))).isTrue();
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void thePiscataquisHydrographCarriesTheSnow17ReferenceSnowpack() {
        MainViewModel vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")),
                new CurrentThreadTaskExecutor());
        assertThat(vm.open(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/piscataquis-01031500/piscataquis.hdproj"))).isTrue();
        assertThat(vm.hydrograph("01031500")).hasValueSatisfying(h -> assertThat(h.hasReferenceSwe()).isTrue());
    }

    @Test
    void whatAnotherProgramSavesIsMergedAndTheUnsavedEditsStay() throws Exception {
        Path file = copyOfSample();
        MainViewModel vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")),
                new CurrentThreadTaskExecutor());
        assertThat(vm.open(file)).isTrue();
        assertThat(vm.mergeChangesOnDisk()).as("nothing changed on disk").isFalse();
        // an unsaved edit here
        vm.projectProperty().get().experiments().remove(0);
        vm.experimentsChanged();
        // another writer (the command line's recorder) enters a run, under the project's lock
        Path dir = tmp.resolve("proj/runs/other_run");
        ProjectStore.update(file, p -> p.putRun(new org.hydrodelta.core.project.RunRef("other_run", "delta-desktop",
                dir, java.time.Instant.now(), org.hydrodelta.core.project.RunRef.FINISHED, null)));

        assertThat(vm.mergeChangesOnDisk()).isTrue();
        assertThat(vm.explorer().runs()).containsExactly("other_run");
        assertThat(vm.explorer().experiments()).doesNotContain("delta-desktop");
        assertThat(vm.dirtyProperty().get()).as("still unsaved").isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("The project file changed on disk: run other_run added"
                + " (finished); your unsaved changes are kept");
        assertThat(vm.mergeChangesOnDisk()).as("taken in once").isFalse();

        // a damaged file is said once, and the open project stays
        Files.writeString(file, "{ not json");
        assertThat(vm.mergeChangesOnDisk()).isFalse();
        assertThat(vm.mergeChangesOnDisk()).isFalse();
        assertThat(vm.messages().entries()).filteredOn(e -> e.text().startsWith("The project file changed on disk"
                + " but cannot be read")).hasSize(1);
        assertThat(vm.explorer().runs()).containsExactly("other_run");
    }
}
