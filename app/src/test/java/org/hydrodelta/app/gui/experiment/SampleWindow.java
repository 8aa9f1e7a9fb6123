package org.hydrodelta.app.gui.experiment;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.gui.MainView;
import org.hydrodelta.app.gui.MainViewModel;
import org.hydrodelta.app.gui.RecentProjects;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;

/**
 * The window on a copy of the camels-regions sample, for the experiment editor's flow tests: the copy is saved under
 * a test folder (the repository's sample is never written) and opened in a 1280 x 800 window, the size of
 * Monocle's headless screen, so every control the editor shows can be clicked.
 *
 * @param vm   the window's view model
 * @param view the window
 */
record SampleWindow(MainViewModel vm, MainView view) {
    /**
     * @param stage the test's stage
     * @param dir   a temporary folder for the copy and the recent-projects list
     * @return the window, shown, with the copy open
     */
    static SampleWindow open(Stage stage, Path dir) throws Exception {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        Path file = dir.resolve("copy/camels-regions.hdproj");
        ProjectStore.save(p, file);
        MainViewModel vm = new MainViewModel(new RecentProjects(dir.resolve("recent.txt")), new FxTaskExecutor());
        MainView view = new MainView(vm);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        vm.open(file);
        return new SampleWindow(vm, view);
    }
}
