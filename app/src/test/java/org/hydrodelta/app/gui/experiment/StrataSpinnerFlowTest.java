package org.hydrodelta.app.gui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.SampleWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The experiment editor's Basin strata spinner ({@code training.strata}) by the keyboard and mouse, on the 19-basin
 * camels-regions sample in the window, typed and committed with Enter: more strata than training basins is refused
 * with the sampler's own words and Save stays off; a valid count is saved into the experiment.
 */
@ExtendWith(ApplicationExtension.class)
class StrataSpinnerFlowTest {
    @TempDir
    static Path tmp;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        SampleWindow w = SampleWindow.open(stage, tmp);
        vm = w.vm();
        view = w.view();
    }

    /** Replaces the spinner's text by typing and commits it with Enter, as a user does. */
    private static void type(FxRobot robot, Spinner<Integer> s, String text) {
        robot.interact(() -> s.getEditor().requestFocus());
        robot.interact(() -> s.getEditor().selectAll());
        robot.write(text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typedStrataAreCheckedAgainstTheTrainingBasinsAndSaved(FxRobot robot) {
        robot.interact(() -> view.openExperimentEditor("delta-desktop"));
        ExperimentEditorView editor = robot.lookup("#experimentEditor").queryAs(ExperimentEditorView.class);
        @SuppressWarnings("unchecked")
        Spinner<Integer> strata = robot.lookup("#strataSpinner").queryAs(Spinner.class);
        Button save = robot.lookup("#saveExperiment").queryButton();
        assertThat(strata.getValue()).as("the paper's sampler by default").isEqualTo(1);
        assertThat(strata.getTooltip().getText()).contains("training.strata").contains("partition");

        type(robot, strata, "20");
        assertThat(strata.getValue()).isEqualTo(20);
        assertThat(robot.lookup("#experimentErrors").queryListView().getItems()).containsExactly(
                "Basin strata (training.strata) = 20 is outside [1, 19] (1 to the number of training basins)");
        assertThat(editor.isHighlighted("training.strata")).isTrue();
        assertThat(save.isDisabled()).as("nothing invalid is saved").isTrue();

        type(robot, strata, "2");
        assertThat(robot.lookup("#experimentErrors").queryListView().getItems()).isEmpty();
        assertThat(editor.isHighlighted("training.strata")).isFalse();
        assertThat(save.isDisabled()).isFalse();
        robot.clickOn("#saveExperiment");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.projectProperty().get().experiment("delta-desktop").orElseThrow().config().training()
                .strata()).isEqualTo(2);
    }
}
