package org.hydrodelta.app.gui.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
        assertThat(vm.errors()).anySatisfy(m -> assertThat(m).contains("BETAET needs the ET shape exponent γ ticked"));
        assertThat(vm.invalidKeys()).contains("hbv.dynamicParameters");

        vm.dynamicParameters().get("BETAET").set(false);
        vm.testStartProperty().set(LocalDate.of(2003, 1, 1));
        assertThat(vm.errors()).singleElement().asString().startsWith("Test period 2003-01-01 .. 2013-09-30 overlaps "
                + "Training period");
        assertThat(vm.invalidKeys()).containsExactly("trainPeriod", "testPeriod");

        vm.testStartProperty().set(LocalDate.of(2008, 10, 1));
        vm.trainEndProperty().set(LocalDate.of(1993, 1, 1));
        assertThat(vm.errors()).singleElement().asString().isEqualTo("Training period ends (1993-01-01) before it "
                + "starts (1993-10-01)");

        vm.trainEndProperty().set(LocalDate.of(2003, 9, 30));
        vm.epochsProperty().set(0);
        vm.nameProperty().set(" ");
        assertThat(vm.errors()).containsExactlyInAnyOrder("Name: a name is required", "Epochs must be in [1, 100000], was 0");
        assertThat(vm.invalidKeys()).containsExactlyInAnyOrder("name", "training.epochs");
        assertThatThrownBy(() -> vm.save("delta-desktop")).hasMessageContaining("not valid");
        assertThat(saved).isZero();
    }

    @Test
    void theEnsembleMembersAreEditedAndAHoldoutWithoutFieldIsKept() {
        Experiment e = project.experiment("delta-desktop").orElseThrow();
        org.hydrodelta.core.project.ExperimentConfig.Holdout pub = new org.hydrodelta.core.project.ExperimentConfig
                .Holdout("pub", 3, 11L, null, null, null, null);
        project.experiments().set(project.experiments().indexOf(e), new Experiment(e.name(), e.config()
                .withHoldout(pub).withEnsemble(new org.hydrodelta.core.project.ExperimentConfig.Ensemble(5))));
        ExperimentEditorViewModel vm = edit("delta-desktop");
        assertThat(vm.ensembleMembersProperty().get()).isEqualTo(5);
        assertThat(vm.errors()).isEmpty();
        vm.ensembleMembersProperty().set(0);
        assertThat(vm.errors()).containsExactly("Ensemble members must be in [1, 100], was 0");
        assertThat(vm.invalidKeys()).containsExactly("ensemble.members");
        vm.ensembleMembersProperty().set(3);
        vm.epochsProperty().set(7);
        vm.save("delta-desktop");
        org.hydrodelta.core.project.ExperimentConfig c = project.experiment("delta-desktop").orElseThrow().config();
        assertThat(c.ensemble().members()).isEqualTo(3);
        assertThat(c.holdout()).isEqualTo(pub);
        assertThat(c.training().epochs()).isEqualTo(7);
    }

    @Test
    void theBasinStrataAreEditedUndoneAndCheckedAgainstTheTrainingBasins() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        assertThat(vm.strataProperty().get()).as("the default, the paper's sampler").isEqualTo(1);
        vm.strataProperty().set(0);
        assertThat(vm.errors()).containsExactly("Basin strata (training.strata) must be in [1, 10000], was 0");
        assertThat(vm.invalidKeys()).containsExactly("training.strata");
        assertThat(vm.validProperty().get()).isFalse();
        // more strata than the 19 basins: the sampler's own check, before any training
        vm.strataProperty().set(20);
        assertThat(vm.errors()).containsExactly("Basin strata (training.strata) = 20 is outside [1, 19] (1 to the"
                + " number of training basins)");
        assertThat(vm.invalidKeys()).containsExactly("training.strata");
        vm.strataProperty().set(19);
        assertThat(vm.errors()).isEmpty();
        vm.basins().get("06221400").set(false);
        assertThat(vm.errors()).as("18 basins left").singleElement().asString().contains("outside [1, 18]");
        vm.undo();
        assertThat(vm.errors()).isEmpty();
        vm.undo();
        assertThat(vm.strataProperty().get()).isEqualTo(20);
        vm.strataProperty().set(2);
        assertThat(vm.errors()).isEmpty();
        vm.save("delta-desktop");
        assertThat(saved).isEqualTo(1);
        assertThat(project.experiment("delta-desktop").orElseThrow().config().training().strata()).isEqualTo(2);
    }

    @Test
    void theBasinStrataCountOnlyTheTrainingBasinsOfACustomHoldout() {
        Experiment e = project.experiment("delta-desktop").orElseThrow();
        List<String> test = project.basins().subList(0, 9);
        project.experiments().set(project.experiments().indexOf(e), new Experiment(e.name(), e.config().withHoldout(
                new org.hydrodelta.core.project.ExperimentConfig.Holdout("custom", null, null, null, null, null,
                        test))));
        ExperimentEditorViewModel vm = edit("delta-desktop");
        vm.strataProperty().set(10);
        assertThat(vm.errors()).isEmpty();
        vm.strataProperty().set(11);
        assertThat(vm.errors()).containsExactly("Basin strata (training.strata) = 11 is outside [1, 10] (1 to the"
                + " number of training basins)");
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
    void undoAndRedoWalkTheEditsAndSavingClearsTheModifiedMark() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        int epochs = vm.epochsProperty().get();
        assertThat(vm.modifiedProperty().get()).isFalse();
        assertThat(vm.canUndoProperty().get()).isFalse();
        vm.epochsProperty().set(epochs + 5);
        vm.hiddenSizeProperty().set(32);
        assertThat(vm.modifiedProperty().get()).isTrue();
        vm.undo();
        assertThat(vm.hiddenSizeProperty().get()).isNotEqualTo(32);
        assertThat(vm.epochsProperty().get()).isEqualTo(epochs + 5);
        vm.undo();
        assertThat(vm.epochsProperty().get()).isEqualTo(epochs);
        assertThat(vm.modifiedProperty().get()).as("back where it started").isFalse();
        assertThat(vm.canUndoProperty().get()).isFalse();
        vm.redo();
        vm.redo();
        assertThat(vm.hiddenSizeProperty().get()).isEqualTo(32);
        assertThat(vm.canRedoProperty().get()).isFalse();
        vm.save("delta-desktop");
        assertThat(vm.modifiedProperty().get()).isFalse();
        // a new edit after an undo drops what could have been redone
        vm.undo();
        vm.epochsProperty().set(1);
        assertThat(vm.canRedoProperty().get()).isFalse();
    }

    @Test
    void choosesBasinsFromTheProjectList() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        assertThat(vm.basins()).hasSize(19).allSatisfy((id, on) -> assertThat(on.get()).isTrue());
        assertThat(vm.config().basins()).as("all basins = the project's selection").isNull();
        vm.basins().get("06221400").set(false);
        assertThat(vm.config().basins()).hasSize(18).doesNotContain("06221400");
        vm.basins().values().forEach(p -> p.set(false));
        assertThat(vm.errors()).contains("Basins: choose at least one basin");
    }

    private static List<String> chosen(ExperimentEditorViewModel vm) {
        return vm.basins().entrySet().stream().filter(x -> x.getValue().get()).map(Map.Entry::getKey).toList();
    }

    @Test
    void appliesBasinsChosenOnTheMapByReplacingAddingOrRemoving() {
        ExperimentEditorViewModel vm = edit("delta-desktop");
        // 01031500 has a polygon in the sample's basin layer but is not one of the project's 19 basins
        List<String> maine = List.of("01013500", "01022500", "01031500", "01013500");
        assertThat(vm.projectBasins(maine)).containsExactly("01013500", "01022500");

        assertThat(vm.applyBasinSelection(maine, BasinSelectionMode.REPLACE)).isEqualTo(2);
        assertThat(chosen(vm)).containsExactly("01013500", "01022500");
        assertThat(vm.config().basins()).containsExactly("01013500", "01022500");
        assertThat(vm.validProperty().get()).isTrue();

        assertThat(vm.applyBasinSelection(List.of("12010000", "camels_99999999"), BasinSelectionMode.ADD))
                .isEqualTo(1);
        assertThat(chosen(vm)).containsExactly("01013500", "01022500", "12010000");

        assertThat(vm.applyBasinSelection(List.of("01022500", "12010000", "06221400"), BasinSelectionMode.REMOVE))
                .as("removing a basin that was not chosen still counts as applied").isEqualTo(3);
        assertThat(chosen(vm)).containsExactly("01013500");

        assertThat(vm.applyBasinSelection(List.of("not-a-basin"), BasinSelectionMode.ADD)).isZero();
        assertThat(chosen(vm)).containsExactly("01013500");

        assertThat(vm.applyBasinSelection(List.of(), BasinSelectionMode.REPLACE)).isZero();
        assertThat(chosen(vm)).isEmpty();
        assertThat(vm.errors()).contains("Basins: choose at least one basin");

        // a lasso is one step of undo, however many basins it changes
        vm.undo();
        assertThat(chosen(vm)).containsExactly("01013500");
        vm.redo();
        assertThat(chosen(vm)).isEmpty();

        assertThat(vm.applyBasinSelection(project.basins(), BasinSelectionMode.ADD)).isEqualTo(19);
        assertThat(vm.config().basins()).as("all basins = the project's selection").isNull();
        assertThat(vm.errors()).isEmpty();
    }

    @Test
    void editsTargetsAndSavesThemIntoTheProjectFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        ExperimentEditorViewModel vm = edit("delta-small");
        assertThat(vm.targetsProperty().get()).as("flow only").isEmpty();
        assertThat(vm.config().targets()).isNull();
        assertThat(vm.targetObservations()).containsExactly("flow", "baseflow");
        assertThat(vm.targetOutputs()).startsWith("Q_ROUTED").contains("Q2", "SNOWPACK", "SLZ");
        assertThat(vm.freeTargetOutputsProperty().get()).isFalse();

        // the first Add brings the streamflow row and a row for the declared baseflow on the HBV baseflow flux
        vm.addTarget();
        assertThat(vm.targetsProperty().get()).containsExactly(
                new ExperimentEditorViewModel.TargetRow(null, "flow", null, "", null),
                new ExperimentEditorViewModel.TargetRow("Q2", "baseflow", "rmse", "1", null));
        vm.setTarget(1, vm.targetsProperty().get().get(1).withWeight("0.2"));
        assertThat(vm.errors()).isEmpty();
        vm.save("delta-small");
        Path file = tmp.resolve("p.hdproj");
        ProjectStore.save(project, file);
        assertThat(ProjectStore.load(file).experiment("delta-small").orElseThrow().config().targets()).containsExactly(
                new org.hydrodelta.core.project.ExperimentConfig.Target(null, "flow", null, null, null),
                new org.hydrodelta.core.project.ExperimentConfig.Target("Q2", "baseflow", "rmse", 0.2, null));

        // a row that becomes the streamflow row reads the discharge; removing every row is flow only again
        vm.setTargetObservation(1, "flow");
        assertThat(vm.targetsProperty().get().get(1).output()).isNull();
        assertThat(vm.errors()).containsExactly("targets[2].observation 'flow' is used by an earlier target already");
        vm.undo();
        assertThat(vm.targetsProperty().get().get(1).output()).isEqualTo("Q2");
        vm.removeTarget(1);
        vm.removeTarget(0);
        assertThat(vm.config().targets()).isNull();
        // a pure network names its own heads
        vm.modelProperty().set("lstm");
        assertThat(vm.freeTargetOutputsProperty().get()).isTrue();
        assertThat(vm.targetOutputs()).containsExactly("Q_ROUTED");
    }

    @Test
    void refusesInvalidTargetsWithTheMessagesOfTheConfigurationAndTheTrainer() {
        ExperimentEditorViewModel vm = edit("delta-small-baseflow");
        assertThat(vm.targetsProperty().get()).hasSize(2);
        ExperimentEditorViewModel.TargetRow baseflow = vm.targetsProperty().get().get(1);
        vm.setTarget(1, baseflow.withWeight("-1"));
        assertThat(vm.errors()).containsExactly("targets[2].weight must be a number > 0, was -1.0");
        assertThat(vm.invalidKeys()).containsExactly("targets[2].weight");
        assertThat(vm.validProperty().get()).isFalse();
        assertThatThrownBy(() -> vm.save("delta-small-baseflow")).hasMessageContaining("targets[2].weight");

        // an observation the dataset does not declare: the trainer's own message, naming those it declares
        vm.setTarget(1, baseflow.withObservation("smap"));
        assertThat(vm.errors()).containsExactly("targets[2].observation: dataset 'camels-nldas' declares no "
                + "observation 'smap'; it declares [baseflow]");
        assertThat(vm.invalidKeys()).containsExactly("targets[2].observation");

        vm.setTarget(1, baseflow.withLoss("mae").withOutput("Q9"));
        assertThat(vm.errors()).anySatisfy(m -> assertThat(m).isEqualTo("targets[2].loss must be one of "
                + "[rmse-comb, nse, rmse, correlation], was 'mae'"));
        assertThat(vm.errors()).anySatisfy(m -> assertThat(m).startsWith("targets[2].output: model delta-hbv has no "
                + "output 'Q9' a loss can read; allowed: [Q_ROUTED"));
        vm.setTarget(1, baseflow.withWeight("abc"));
        assertThat(vm.errors()).containsExactly("targets[2].weight must be a number > 0, was NaN");
        vm.setTarget(1, baseflow);
        assertThat(vm.errors()).isEmpty();
        vm.removeTarget(0);
        assertThat(vm.errors()).containsExactly("Targets: one target must be observed streamflow (observation "
                + "'flow'); the others constrain the untrained outputs besides it");
        assertThat(vm.invalidKeys()).containsExactly("targets");
        assertThat(saved).isZero();
    }
}
