package org.hydrodelta.app.gui.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentEditorViewModelTest {
    Project project;
    int saved;

    @BeforeEach
    void open() throws Exception {
        project = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
    }

    private ExperimentEditorViewModel edit(String name) {
        Experiment e = project.experiment(name).orElseThrow();
        return new ExperimentEditorViewModel(project, e, () -> saved++);
    }

    @Test
    void theSampleExperimentsAreValidAsLoaded() {
        for (Experiment e : project.experiments()) {
            ExperimentEditorViewModel vm = edit(e.name());
            assertThat(vm.errors()).as(e.name()).isEmpty();
            assertThat(vm.config()).as(e.name()).isEqualTo(e.config());
        }
    }

    @Test
    void explainsInvalidCombinationsAsTheUserEdits() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        vm.etShapeProperty().set(false);
        vm.dynamicParameters().get("BETAET").set(true);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errors()).anySatisfy(m -> assertThat(m).contains("BETAET needs hbv.etShape = true"));

        vm.dynamicParameters().get("BETAET").set(false);
        vm.testStartProperty().set(LocalDate.of(2003, 1, 1));
        assertThat(vm.errors()).singleElement().asString().startsWith("testPeriod 2003-01-01 .. 2013-09-30 overlaps "
                + "trainPeriod");

        vm.testStartProperty().set(LocalDate.of(2008, 10, 1));
        vm.trainEndProperty().set(LocalDate.of(1993, 1, 1));
        assertThat(vm.errors()).singleElement().asString().isEqualTo("trainPeriod ends (1993-01-01) before it "
                + "starts (1993-10-01)");

        vm.trainEndProperty().set(LocalDate.of(2003, 9, 30));
        vm.epochsProperty().set(0);
        vm.nameProperty().set(" ");
        assertThat(vm.errors()).containsExactlyInAnyOrder("name is required", "training.epochs must be >= 1, was 0");
        assertThatThrownBy(() -> vm.save("delta-desktop")).hasMessageContaining("not valid");
        assertThat(saved).isZero();
    }

    @Test
    void savingReplacesTheExperimentAndRefusesATakenName() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        vm.componentsProperty().set(8);
        vm.dynamicParameters().get("BETA").set(true);
        vm.nameProperty().set("lstm-desktop");
        assertThatThrownBy(() -> vm.save("delta-desktop")).hasMessageContaining("already called 'lstm-desktop'");
        vm.nameProperty().set("delta-8");
        vm.save("delta-desktop");
        assertThat(saved).isEqualTo(1);
        assertThat(project.experiment("delta-desktop")).isEmpty();
        assertThat(project.experiments().get(0).name()).isEqualTo("delta-8");
        assertThat(project.experiments().get(0).config().hbv().components()).isEqualTo(8);
        assertThat(project.experiments().get(0).config().hbv().dynamicParameters()).containsExactly("BETA");
    }

    @Test
    void choosesBasinsFromTheProjectList() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        assertThat(vm.basins()).hasSize(19).allSatisfy((id, on) -> assertThat(on.get()).isTrue());
        assertThat(vm.config().basins()).as("all basins = the project's selection").isNull();
        vm.basins().get("06221400").set(false);
        assertThat(vm.config().basins()).hasSize(18).doesNotContain("06221400");
        vm.basins().values().forEach(p -> p.set(false));
        assertThat(vm.errors()).contains("basins: choose at least one basin");
    }
}
