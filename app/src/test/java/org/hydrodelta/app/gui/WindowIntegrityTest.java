package org.hydrodelta.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.hydrodelta.app.cli.HydroDeltaCommand;
import org.hydrodelta.app.gui.properties.PropertiesView;
import org.hydrodelta.app.gui.properties.PropertiesViewModel;
import org.hydrodelta.app.gui.training.TrainingView;
import org.hydrodelta.app.gui.training.TrainingViewModel;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Data integrity in the window, on the real background worker and a project whose basin 01013500 has a forcing
 * line cut short: training refuses and lists the reason until the skip box is ticked, the run is {@code running}
 * in the project file while it trains and {@code finished} after (cancel and resume of the same entry are in
 * {@code TrainingViewModelTest}), its properties name the skipped basin, and a
 * run that a command-line {@code train} enters in the project file appears in the explorer by itself, with the
 * window's unsaved edits kept.
 */
@ExtendWith(ApplicationExtension.class)
class WindowIntegrityTest {
    @TempDir
    Path tmp;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        SampleWindow w = SampleWindow.show(stage, tmp);
        vm = w.vm();
        view = w.view();
    }

    @Test
    void refusesAnUnusableBasinListsWhyAndTrainsTheRestOnlyWithSkipTicked(FxRobot robot) throws Exception {
        // long enough (20 epochs of 3 iterations) to be seen running
        Path file = BrokenBasinProject.create(tmp.resolve("p"), 20, 3, "01013500", "01022500");
        String where = tmp.resolve("p/camels-us").resolve(BrokenBasinProject.forcing("01013500")) + ":1000: ";
        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        robot.interact(view::openTraining);
        TrainingViewModel t = robot.lookup("#trainingView").queryAs(TrainingView.class).viewModel();
        assertThat(robot.lookup("#unusablePane").query().isVisible()).isFalse();

        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !t.busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.REFUSED);
        assertThat(robot.lookup("#unusablePane").query().isVisible()).isTrue();
        ListView<String> list = robot.lookup("#unusableList").queryListView();
        assertThat(list.getItems()).singleElement().satisfies(l -> assertThat(l).startsWith("01013500  " + where)
                .contains("truncated"));
        CheckBox skip = robot.lookup("#skipUnusable").queryAs(CheckBox.class);
        assertThat(skip.getText()).isEqualTo("Skip the 1 unusable basin and train on the 1 usable (recorded in the"
                + " run)");
        assertThat(skip.isSelected()).isFalse();
        assertThat(robot.lookup("#trainingMessage").queryLabeled().getText())
                .startsWith("Not started: 1 of 2 requested basins of tiny cannot be used");
        assertThat(ProjectStore.load(file).runs()).isEmpty();
        assertThat(tmp.resolve("p/runs")).as("nothing written").doesNotExist();

        // what the project file says of the run, watched from a thread of its own while the window trains
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    for (com.fasterxml.jackson.databind.JsonNode r : ProjectStore.mapper().readTree(file.toFile())
                            .path("runs")) {
                        String status = r.path("status").asText();
                        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                            seen.add(status);
                        }
                    }
                    Thread.sleep(2);
                } catch (Exception e) {
                    // a save under way: look again
                }
            }
        }, "project-file-watcher");
        watcher.start();
        robot.clickOn("#skipUnusable");
        assertThat(skip.isSelected()).as("the click ticked Skip").isTrue();
        robot.clickOn("#trainButton");
        // started: busy, or already past it (a short run can start and end between two polls); a refusal stays
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> t.busy() || t.stateProperty().get() != TrainingViewModel.State.REFUSED);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !t.busy());
        WaitForAsyncUtils.waitForFxEvents();
        watching.set(false);
        watcher.join();
        assertThat(t.stateProperty().get()).as(t.messageProperty().get()).isEqualTo(TrainingViewModel.State.FINISHED);
        assertThat(seen).as("the run's status in the project file, in order").containsExactly(RunRef.RUNNING,
                RunRef.FINISHED);
        String name = t.lastRunProperty().get().getFileName().toString();
        assertThat(ProjectStore.load(file).runs()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(name);
            assertThat(r.status()).isEqualTo(RunRef.FINISHED);
        });
        assertThat(vm.explorer().runs()).containsExactly(name);
        assertThat(vm.projectProperty().get().run(name).orElseThrow().status()).isEqualTo(RunRef.FINISHED);
        assertThat(vm.dirtyProperty().get()).as("the training saved nothing else of the project").isFalse();

        // the run's properties: which basins it used and which it skipped, and why
        robot.interact(() -> robot.lookup("#runList").queryListView().getSelectionModel().select(name));
        PropertiesViewModel props = robot.lookup("#propertiesPane").queryAs(PropertiesView.class).viewModel();
        assertThat(props.items()).contains(new PropertiesViewModel.Item("basins", "used", "1 basin: 01022500"),
                new PropertiesViewModel.Item("basins", "skipped", "1 unusable basin: 01013500"),
                new PropertiesViewModel.Item("project", "status", "finished"));
        assertThat(props.items()).filteredOn(i -> i.name().equals("skipped 01013500")).singleElement()
                .satisfies(i -> assertThat(i.value()).startsWith(where).contains("truncated"));
    }

    @Test
    void aRunThatACommandLineTrainEntersInTheProjectFileAppearsInTheExplorerAndUnsavedEditsStay(FxRobot robot)
            throws Exception {
        Path file = BrokenBasinProject.create(tmp.resolve("q"), "01013500", "01022500");
        robot.interact(() -> assertThat(vm.open(file)).isTrue());
        // an edit not yet saved
        robot.interact(() -> {
            vm.projectProperty().get().experiments().add(new Experiment("edited", vm.projectProperty().get()
                    .experiment("tiny").orElseThrow().config()));
            vm.experimentsChanged();
        });
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.explorer().runs()).isEmpty();

        // another writer: hydrodelta train on the same project file
        AtomicInteger code = new AtomicInteger(-1);
        Thread cli = new Thread(() -> code.set(HydroDeltaCommand.create().execute("train", file.toString(),
                "--experiment", "tiny", "--skip-unusable")), "cli-train");
        cli.start();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.explorer().runs().isEmpty());
        cli.join(TimeUnit.SECONDS.toMillis(90));
        assertThat(code.get()).as("train exit code").isZero();
        String name = ProjectStore.load(file).runs().get(0).name();
        // its end is taken in too, by the same check
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.projectProperty().get().run(name)
                .map(r -> r.status().equals(RunRef.FINISHED)).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.explorer().runs()).containsExactly(name);
        assertThat(robot.lookup("#runList").queryListView().getItems()).contains(name);
        assertThat(vm.explorer().experiments()).contains("tiny", "edited");
        assertThat(vm.dirtyProperty().get()).as("the unsaved edit is still unsaved").isTrue();
        assertThat(vm.messages().entries()).anySatisfy(e -> assertThat(e.text()).startsWith(
                "The project file changed on disk: run " + name + " added").endsWith("your unsaved changes are kept"));

        // saving keeps both: the other program's run and the window's edit
        robot.interact(() -> assertThat(vm.saveAs(file)).isTrue());
        assertThat(ProjectStore.load(file).runs()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(name);
            assertThat(r.status()).isEqualTo(RunRef.FINISHED);
        });
        assertThat(ProjectStore.load(file).experiments()).extracting(Experiment::name).containsExactly("tiny",
                "edited");
        assertThat(Files.exists(tmp.resolve("q/runs").resolve(name))).isTrue();
    }
}
