package org.hydrodelta.app.gui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.SampleWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The experiment editor's spinners stay bound to its view model after a garbage collection. They were bound through
 * {@code IntegerProperty.asObject()} wrappers that nothing else held, and a bidirectional binding holds both ends
 * weakly: once the collector took the wrapper, a value typed into the spinner no longer reached the configuration
 * (the form showed it, validation never saw it, Save wrote the old value). Full test runs met it now and then, as a
 * committed out-of-range value with no error listed.
 */
@ExtendWith(ApplicationExtension.class)
class EditorSpinnerBindingTest {
    @TempDir
    static Path tmp;

    private SampleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = SampleWindow.open(stage, tmp);
    }

    /** Collects until an object reachable only weakly is gone, so weakly held wrappers went with it. */
    private static void collectGarbage() throws InterruptedException {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(probe.get()).as("a garbage collection ran").isNull();
    }

    @SuppressWarnings("unchecked")
    private static <T> Spinner<T> spinner(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Spinner.class);
    }

    @Test
    void typedValuesReachTheViewModelAfterAGarbageCollection(FxRobot robot) throws Exception {
        robot.interact(() -> window.view().openExperimentEditor("delta-desktop"));
        ExperimentEditorViewModel evm = robot.lookup("#experimentEditor").queryAs(ExperimentEditorView.class)
                .viewModel();
        collectGarbage();

        Spinner<Integer> epochs = spinner(robot, "epochsSpinner");
        robot.interact(() -> epochs.getValueFactory().setValue(7));
        assertThat(evm.epochsProperty().get()).isEqualTo(7);
        Spinner<Integer> strata = spinner(robot, "strataSpinner");
        robot.interact(() -> strata.getValueFactory().setValue(3));
        assertThat(evm.strataProperty().get()).isEqualTo(3);
        Spinner<Integer> members = spinner(robot, "ensembleMembersSpinner");
        robot.interact(() -> members.getValueFactory().setValue(4));
        assertThat(evm.ensembleMembersProperty().get()).isEqualTo(4);
        Spinner<Double> dropout = spinner(robot, "dropoutSpinner");
        robot.interact(() -> dropout.getValueFactory().setValue(0.25));
        assertThat(evm.dropoutProperty().get()).isEqualTo(0.25);
        Spinner<Double> lr = spinner(robot, "learningRateSpinner");
        robot.interact(() -> lr.getValueFactory().setValue(0.5));
        assertThat(evm.learningRateProperty().get()).isEqualTo(0.5);
        assertThat(evm.config().training().epochs()).isEqualTo(7);
        assertThat(evm.config().training().strata()).isEqualTo(3);

        // and the other way: a value set in the view model (undo) shows in the spinner
        robot.interact(evm::undo);
        assertThat(lr.getValue()).isEqualTo(1.0);
    }
}
