package org.hydrodelta.app.gui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.RecentProjects;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.eval.ResultsReader;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Apply to basins…" and "Evaluate period…" from the runs list's menu, on tiny real runs of the camels-regions sample
 * (see {@link RunFixtures}): a prediction for a basin without any flow file, shown on the map and listed with the
 * attributes outside the training range; the refusals of a calibrated model and of an unknown basin; an evaluation of
 * the validation period with epoch 1's checkpoint, listed under its name in the results tab.
 */
@ExtendWith(ApplicationExtension.class)
class RunActionsFlowTest {
    @TempDir
    static Path tmp;
    static Path file;

    private MainViewModel vm;
    private MainView view;

    @BeforeAll
    static void train() throws Exception {
        file = RunFixtures.project(tmp, "delta-hbv", "calibrated-hbv");
    }

    @Start
    void start(Stage stage) {
        vm = new MainViewModel(new RecentProjects(tmp.resolve("recent.txt")), new FxTaskExecutor());
        view = new MainView(vm);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        vm.open(file);
    }

    private RunRef run(String experiment) {
        return vm.projectProperty().get().runs().stream().filter(r -> r.experiment().equals(experiment))
                .findFirst().orElseThrow();
    }

    private void openMenu(FxRobot robot, String runName, String item) {
        robot.interact(() -> robot.lookup("#runList").queryListView().getSelectionModel().select(runName));
        javafx.scene.control.ListView<?> list = robot.lookup("#runList").queryListView();
        // the menu a right click opens (shown at the list, as Monocle gives no popup trigger)
        robot.interact(() -> list.getContextMenu().show(list, javafx.geometry.Side.BOTTOM, 0, 0));
        robot.clickOn(item);
    }

    private static void waitUntil(java.util.function.BooleanSupplier c) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, c::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void appliesARunToABasinWithoutFlowAndFlagsItsAttributes(FxRobot robot) throws Exception {
        RunRef delta = run("tiny-delta-hbv");
        robot.interact(view::openResults);
        openMenu(robot, delta.name(), "Apply to basins…");
        ApplyToBasinsView form = robot.lookup("#applyToBasinsView").queryAs(ApplyToBasinsView.class);
        ApplyToBasinsViewModel avm = form.viewModel();
        assertThat(avm.datasetProperty().get()).as("the run's own dataset first").isEqualTo("camels-nldas");
        robot.interact(() -> avm.datasetProperty().set("ungauged"));
        assertThat(avm.datasetBasins()).as("what the dataset has forcing for").containsExactly("06221400");
        robot.interact(() -> robot.lookup("#applyBasinList").queryListView().getSelectionModel().select(0));
        assertThat(avm.basinsProperty().get()).isEqualTo("06221400");
        robot.clickOn("#applyButton");
        waitUntil(() -> avm.stateProperty().get() != RunTaskState.RUNNING);
        // its real attribute table has no geol_porostiy ("NA"): refused, basin and attribute named, until the
        // user accepts the training mean in its place
        assertThat(avm.stateProperty().get()).isEqualTo(RunTaskState.FAILED);
        assertThat(avm.messageProperty().get()).contains("06221400: geol_porostiy")
                .contains("--fill-missing-attributes");
        robot.clickOn("#applyFillMissing");
        assertThat(avm.fillMissingAttributesProperty().get()).isTrue();
        robot.clickOn("#applyButton");
        waitUntil(() -> avm.stateProperty().get() != RunTaskState.RUNNING);
        assertThat(avm.stateProperty().get()).as(avm.messageProperty().get()).isEqualTo(RunTaskState.DONE);
        String name = "predict_ungauged_1997-10-01_1998-09-30";
        assertThat(avm.result()).isEqualTo(new EvaluationChoice(delta.name(), name));
        Path out = delta.path().resolve("eval").resolve(name);
        assertThat(ResultsReader.readMetrics(out.resolve("metrics.csv"))).containsOnlyKeys("06221400");
        assertThat(ResultsReader.readMetrics(out.resolve("metrics.csv")).get("06221400").get("n_obs"))
                .as("no flow observed").isZero();
        // Dinwoody Creek (3337 m, 71 % snow) lies far outside two eastern training basins: flagged per attribute
        assertThat(avm.flags()).extracting(org.hydrodelta.core.eval.AttributeRangeCheck.Flag::attribute)
                .contains("elev_mean", "frac_snow");
        assertThat(robot.lookup("#applyFlags").queryTableView().getItems()).hasSameSizeAs(avm.flags());
        // its real attribute table has no geol_porostiy ("NA"): said per basin and attribute, not filled silently
        assertThat(avm.missing()).containsExactly(
                "06221400: geol_porostiy has no value (the network got the training mean)");
        assertThat(robot.lookup("#applyMessage").queryLabeled().getText()).startsWith("Simulated 1 basin into "
                + name).contains("1 basin with attributes outside the training range");
        assertThat(vm.statusProperty().get()).isEqualTo("Written: " + name + " of " + delta.name()
                + ": shown on the map, in the hydrographs and in the results");
        // shown like an evaluation: the map coloured by it, the results tab on it, the hydrograph from it
        org.hydrodelta.app.gui.map.BasinMapView map = robot.lookup("#basinMap").queryAs(
                org.hydrodelta.app.gui.map.BasinMapView.class);
        assertThat(map.viewModel().captionProperty().get()).isEqualTo(name + " of " + delta.name());
        assertThat(map.viewModel().metrics()).as("every untrained output, as means").contains("mean_snowpack");
        assertThat(map.viewModel().metricProperty().get()).as("no flow observed: the simulated mean flow, not NSE")
                .startsWith("mean_").isNotEqualTo("mean_snowpack");
        org.hydrodelta.app.gui.results.ResultsView results = (org.hydrodelta.app.gui.results.ResultsView) view
                .centre().getTabs().stream().filter(t -> "resultsTab".equals(t.getId())).findFirst().orElseThrow()
                .getContent();
        assertThat(results.viewModel().runProperty().get()).isEqualTo(delta.name() + " (" + name + ")");
        robot.interact(() -> view.openHydrograph("06221400"));
        org.hydrodelta.app.gui.hydrograph.HydrographView h = (org.hydrodelta.app.gui.hydrograph.HydrographView) view
                .centre().getTabs().stream().filter(t -> "hydrograph-06221400".equals(t.getId())).findFirst()
                .orElseThrow().getContent();
        assertThat(h.viewModel().hasSimulation()).isTrue();
        assertThat(vm.statusProperty().get()).contains(delta.name() + " (" + name + ")");

        // refusals in clear words: an unknown basin, a model calibrated per basin
        robot.interact(() -> view.openApplyToBasins(delta.name()));
        ApplyToBasinsViewModel again = robot.lookup("#applyToBasinsView").queryAs(ApplyToBasinsView.class)
                .viewModel();
        robot.interact(() -> again.basinsProperty().set("99999999"));
        robot.clickOn("#applyButton");
        waitUntil(() -> again.stateProperty().get() != RunTaskState.RUNNING);
        assertThat(again.stateProperty().get()).isEqualTo(RunTaskState.FAILED);
        assertThat(again.messageProperty().get()).startsWith("Cannot apply " + delta.name()).contains("99999999");
        RunRef cal = run("tiny-calibrated-hbv");
        robot.interact(() -> view.openApplyToBasins(cal.name()));
        ApplyToBasinsViewModel calibrated = robot.lookup("#applyToBasinsView").queryAs(ApplyToBasinsView.class)
                .viewModel();
        robot.interact(() -> calibrated.basinsProperty().set("06221400"));
        robot.clickOn("#applyButton");
        waitUntil(() -> calibrated.stateProperty().get() != RunTaskState.RUNNING);
        assertThat(calibrated.messageProperty().get()).contains("calibrated for each training basin");
        assertThat(robot.lookup("#applyMessage").queryLabeled().getText()).isEqualTo(calibrated.messageProperty()
                .get());
    }

    @Test
    void evaluatesTheValidationPeriodWithAChosenEpoch(FxRobot robot) throws Exception {
        RunRef delta = run("tiny-delta-hbv");
        robot.interact(view::openResults);
        openMenu(robot, delta.name(), "Evaluate period…");
        EvaluatePeriodViewModel evm = robot.lookup("#evaluatePeriodView").queryAs(EvaluatePeriodView.class)
                .viewModel();
        assertThat(evm.epochs()).as("the run's checkpoints").containsExactly(1, 2);
        assertThat(evm.periods()).containsExactly("train", "validation", "test", "custom");
        robot.interact(() -> {
            evm.periodProperty().set("validation");
            evm.epochProperty().set(1);
        });
        assertThat(robot.lookup("#evalFolder").queryLabeled().getText()).isEqualTo(
                "results as validation_epoch_001");
        assertThat(robot.lookup("#evalStart").query().isDisabled()).as("dates only for a custom period").isTrue();
        robot.clickOn("#evaluateButton");
        waitUntil(() -> evm.stateProperty().get() != RunTaskState.RUNNING);
        assertThat(evm.stateProperty().get()).as(evm.messageProperty().get()).isEqualTo(RunTaskState.DONE);
        assertThat(evm.messageProperty().get()).matches("Evaluated .* \\(validation_epoch_001, checkpoint epoch_001\\)"
                + ": median NSE -?\\d+\\.\\d{3} over 2 basins");
        assertThat(delta.path().resolve("eval/validation_epoch_001/metrics.csv")).isRegularFile();
        org.hydrodelta.app.gui.results.ResultsView results = (org.hydrodelta.app.gui.results.ResultsView) view
                .centre().getTabs().stream().filter(t -> "resultsTab".equals(t.getId())).findFirst().orElseThrow()
                .getContent();
        assertThat(results.viewModel().runNames()).contains(delta.name() + " (validation_epoch_001)");
        assertThat(results.viewModel().runProperty().get()).isEqualTo(delta.name() + " (validation_epoch_001)");

        // a custom period the forcing does not cover is refused with the first usable day
        robot.interact(() -> {
            evm.periodProperty().set("custom");
            evm.startProperty().set(java.time.LocalDate.of(1970, 1, 1));
            evm.endProperty().set(java.time.LocalDate.of(1970, 12, 31));
        });
        robot.clickOn("#evaluateButton");
        waitUntil(() -> evm.stateProperty().get() != RunTaskState.RUNNING);
        assertThat(evm.stateProperty().get()).isEqualTo(RunTaskState.FAILED);
        assertThat(evm.messageProperty().get()).startsWith("Cannot evaluate").contains("1970");
        assertThat(Files.exists(delta.path().resolve("eval/1970-01-01_1970-12-31"))).isFalse();
    }
}
