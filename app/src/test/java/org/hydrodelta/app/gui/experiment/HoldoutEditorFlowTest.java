package org.hydrodelta.app.gui.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.SampleWindow;
import org.hydrodelta.app.gui.map.BasinMapView;
import org.hydrodelta.app.gui.map.BasinMapViewModel;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.maps.fx.MapView;
import org.hydrodelta.maps.io.Feature;
import org.hydrodelta.maps.render.MapLayer;
import org.hydrodelta.maps.render.MapViewport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The holdout design in the experiment editor, on the camels-regions sample in the window: PUB with its folds
 * (2..1000, default 10), PUR by the HUC-02 attribute column, and a custom holdout picked with the lasso on the map,
 * after which the window's map shows held-out and training basins in two classes; every message comes from
 * {@code ExperimentConfig.validate()} in the form's words, and Save writes {@code holdout} into the experiment.
 */
@ExtendWith(ApplicationExtension.class)
class HoldoutEditorFlowTest {
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

    private static Point2D gauge(MapView map, String id) {
        MapLayer gauges = map.getMapScene().layers().get(map.getMapScene().layers().size() - 1);
        MapViewport vp = map.viewport().orElseThrow();
        for (Feature f : gauges.data().features()) {
            if (gauges.featureId(f).equals(id)) {
                Point pt = (Point) f.geometry();
                return new Point2D(vp.toScreenX(pt.getX()), vp.toScreenY(pt.getY()));
            }
        }
        throw new AssertionError("no gauge " + id);
    }

    @Test
    void choosesPubPurAndACustomHoldoutByLasso(FxRobot robot) throws Exception {
        robot.interact(view::openMap);
        robot.interact(() -> view.openExperimentEditor("delta-desktop"));
        ExperimentEditorView editorView = robot.lookup("#experimentEditor").queryAs(ExperimentEditorView.class);
        ExperimentEditorViewModel evm = editorView.viewModel();
        assertThat(evm.holdoutTypeProperty().get()).isEqualTo("temporal");
        assertThat(evm.config().holdout()).isEqualTo(ExperimentConfig.Holdout.TEMPORAL);
        assertThat(robot.lookup("#holdoutFolds").query().isVisible()).isFalse();

        // PUB: the folds spin box, 10 by default; 1 fold is refused by validate() in the form's words
        robot.interact(() -> robot.lookup("#holdoutPane").queryAs(javafx.scene.control.TitledPane.class)
                .setExpanded(true));
        robot.interact(() -> evm.holdoutTypeProperty().set("pub"));
        assertThat(robot.lookup("#holdoutFolds").query().isVisible()).isTrue();
        assertThat(evm.foldsProperty().get()).isEqualTo(10);
        assertThat(evm.validProperty().get()).isTrue();
        robot.interact(() -> evm.foldsProperty().set(1));
        assertThat(evm.errors()).anySatisfy(e -> assertThat(e).startsWith("Folds").contains("1000"));
        assertThat(editorView.isHighlighted("holdout.folds")).isTrue();
        robot.interact(() -> evm.foldsProperty().set(3));
        assertThat(evm.validProperty().get()).as(String.valueOf(evm.errors())).isTrue();
        assertThat(evm.config().holdout().folds()).isEqualTo(3);

        // PUR: needs a region source; the project's attribute columns are offered (huc_02 among them)
        robot.interact(() -> evm.holdoutTypeProperty().set("pur"));
        assertThat(evm.errors()).anySatisfy(e -> assertThat(e).isEqualTo(
                "Holdout 'pur' needs Region attribute (e.g. huc_02) or Region layer"));
        assertThat(evm.regionAttributes()).contains("huc_02", "elev_mean");
        assertThat(evm.regionLayers()).contains("Basin polygons (Caravan)").doesNotContain("CAMELS gauges (671)");
        robot.interact(() -> evm.regionAttributeProperty().set("huc_02"));
        assertThat(evm.validProperty().get()).as(String.valueOf(evm.errors())).isTrue();
        assertThat(evm.config().holdout()).isEqualTo(new ExperimentConfig.Holdout("pur", null, null, "huc_02", null,
                null, null));
        robot.interact(() -> evm.regionSourceProperty().set(ExperimentEditorViewModel.REGION_LAYER));
        robot.interact(() -> evm.regionLayerProperty().set("Basin polygons (Caravan)"));
        assertThat(evm.regionFields()).as("the layer's feature fields").isNotEmpty();
        assertThat(evm.errors()).anySatisfy(e -> assertThat(e).startsWith("Region layer needs Region field"));

        // custom: held-out basins by lasso around the two Maine gauges; the window's map shows the two classes
        robot.interact(() -> evm.holdoutTypeProperty().set("custom"));
        assertThat(evm.errors()).anySatisfy(e -> assertThat(e).contains("needs Held-out basins"));
        BasinLassoPane[] pane = new BasinLassoPane[1];
        robot.interact(() -> {
            try {
                pane[0] = new BasinLassoPane(evm, new BasinMapViewModel(evm.project()), true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Stage lasso = new Stage();
            lasso.setScene(new Scene(pane[0], 900, 600));
            lasso.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        MapView lassoMap = pane[0].map();
        Point2D a = gauge(lassoMap, "01013500");
        Point2D b = gauge(lassoMap, "01022500");
        double x0 = Math.min(a.getX(), b.getX()) - 6;
        double x1 = Math.max(a.getX(), b.getX()) + 6;
        double y0 = Math.min(a.getY(), b.getY()) - 6;
        double y1 = Math.max(a.getY(), b.getY()) + 6;
        robot.interact(() -> lassoMap.selectByLasso(List.of(new Point2D(x0, y0), new Point2D(x1, y0),
                new Point2D(x1, y1), new Point2D(x0, y1))));
        robot.interact(() -> pane[0].apply());
        assertThat(evm.chosenHeldOut()).containsExactly("01013500", "01022500");
        assertThat(evm.validProperty().get()).as(String.valueOf(evm.errors())).isTrue();
        assertThat(evm.chosenBasins()).as("the experiment's basins stay as they were").hasSize(19);
        robot.interact(() -> robot.lookup("#holdoutPane").queryAs(javafx.scene.control.TitledPane.class)
                .setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#heldOutCount").queryLabeled().getText()).isEqualTo("2 held out, 17 training");

        BasinMapViewModel map = robot.lookup("#basinMap").queryAs(BasinMapView.class).viewModel();
        assertThat(map.captionProperty().get()).isEqualTo("Holdout of delta-desktop");
        MapLayer gauges = map.sceneProperty().get().legendLayer().orElseThrow();
        assertThat(gauges.style().choropleth().scale().entries()).extracting(e -> e.label())
                .containsExactly("held out", "training");
        for (int i = 0; i < gauges.data().features().size(); i++) {
            String id = gauges.featureId(gauges.data().features().get(i));
            assertThat(gauges.value(i)).as(id).isEqualTo(List.of("01013500", "01022500").contains(id) ? 0.0 : 1.0);
        }

        // undo takes the lasso back in one step; redo and Save write the holdout into the project
        robot.interact(evm::undo);
        assertThat(evm.chosenHeldOut()).isEmpty();
        robot.interact(evm::redo);
        robot.interact(() -> evm.save("delta-desktop"));
        ExperimentConfig saved = vm.projectProperty().get().experiment("delta-desktop").orElseThrow().config();
        assertThat(saved.holdout()).isEqualTo(new ExperimentConfig.Holdout("custom", null, null, null, null, null,
                List.of("01013500", "01022500")));
        assertThat(saved.validate()).isEmpty();
    }
}
