package org.hydrodelta.app.gui.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The column-mapping dialog on the CSV fixture, headless: preview, a wrong unit blocking OK, OK saving. */
@ExtendWith(ApplicationExtension.class)
class CsvMappingDialogTest {
    private static final Path FIXTURE = Path.of(System.getProperty("hydrodelta.repo.root"))
            .resolve("core/src/test/resources/csv-fixture");

    @TempDir
    static Path tmp;
    private Stage stage;

    @Start
    void start(Stage s) {
        this.stage = s;
        s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        s.show();
    }

    @Test
    void previewsTheFixtureAndSavesAMappingThatReadsBack(FxRobot robot) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("csv"));
        for (String n : List.of("attributes.csv", "csv/01022500.csv", "csv/01031500.csv")) {
            Files.copy(FIXTURE.resolve(n), data.resolve(n));
        }
        CsvMappingViewModel vm = new CsvMappingViewModel(tmp.resolve("project/mappings"), new Project("p"));
        vm.open(data.resolve("csv"));
        AtomicReference<CsvMappingDialog> dialog = new AtomicReference<>();
        AtomicReference<Path> result = new AtomicReference<>();
        robot.interact(() -> {
            CsvMappingDialog d = new CsvMappingDialog(vm, stage);
            d.setOnHidden(e -> result.set(d.getResult()));
            dialog.set(d);
            d.show();
        });
        TableView<?> preview = robot.lookup("#csvPreview").queryTableView();
        assertThat(preview.getItems()).hasSize(CsvMappingViewModel.PREVIEW_ROWS);
        assertThat(preview.getColumns()).extracting(c -> c.getText()).contains("date");
        Node ok = dialog.get().getDialogPane().lookupButton(ButtonType.OK);
        assertThat(ok.isDisabled()).as("%s", vm.problems()).isFalse();

        // the user picks the wrong flow unit: cfs read as mm/d is implausible, and OK is blocked until undone
        @SuppressWarnings("unchecked")
        ComboBox<String> flowUnit = robot.lookup("#unit-flow").queryAs(ComboBox.class);
        robot.interact(() -> flowUnit.setValue("mm/d"));
        ListView<String> problems = robot.lookup("#csvProblems").queryListView();
        assertThat(problems.getItems()).isNotEmpty();
        assertThat(ok.isDisabled()).isTrue();
        robot.interact(() -> flowUnit.setValue("ft3/s"));
        assertThat(ok.isDisabled()).as("%s", vm.problems()).isFalse();

        robot.interact(() -> ((javafx.scene.control.Button) ok).fire());
        assertThat(result.get()).isRegularFile();
        CsvMapping m = CsvMapping.read(result.get());
        assertThat(m.columns.get("flow").unit).isEqualTo("ft3/s");
        assertThat(m.dateFormat).isEqualTo("dd.MM.yyyy");
    }
}
