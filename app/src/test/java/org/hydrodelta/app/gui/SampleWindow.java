package org.hydrodelta.app.gui;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.app.task.TaskExecutor;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;

/**
 * The workbench window for the TestFX flow tests, and copies of the camels-regions sample to open in it: a copy is
 * saved under a test folder (the repository's sample is never written), and the window shows on the test's stage
 * with its recent-projects list in that folder.
 *
 * @param vm   the window's view model
 * @param view the window
 */
public record SampleWindow(MainViewModel vm, MainView view) {
    /** Width of Monocle's headless screen (1280 x 800): every control the experiment editor shows can be clicked. */
    public static final double SCREEN_WIDTH = 1280;
    /** Width of the window in the other flow tests. */
    public static final double WIDTH = 1200;
    /** Height of the window. */
    public static final double HEIGHT = 800;

    /**
     * Saves a copy of the camels-regions sample.
     *
     * @param file where the copy goes (its runs go beside it)
     * @param edit changes the copy before it is saved (e.g. clears its runs, adds an experiment)
     * @return {@code file}
     */
    public static Path copySample(Path file, Consumer<Project> edit) throws ProjectException {
        Project p = ProjectStore.load(Path.of(System.getProperty("hydrodelta.repo.root"))
                .resolve("sample-projects/camels-regions/camels-regions.hdproj"));
        edit.accept(p);
        ProjectStore.save(p, file);
        return file;
    }

    /**
     * @param stage the test's stage
     * @param dir   a temporary folder for the recent-projects list
     * @param tasks the window's executor
     * @param width the window's width ({@link #WIDTH} or {@link #SCREEN_WIDTH}); its height is {@link #HEIGHT}
     * @return the window, shown, with no project open
     */
    public static SampleWindow show(Stage stage, Path dir, TaskExecutor tasks, double width) {
        MainViewModel vm = new MainViewModel(new RecentProjects(dir.resolve("recent.txt")), tasks);
        MainView view = new MainView(vm);
        stage.setScene(new Scene(view, width, HEIGHT));
        stage.show();
        return new SampleWindow(vm, view);
    }

    /**
     * @param stage the test's stage
     * @param dir   a temporary folder for the recent-projects list
     * @return the window, {@link #WIDTH} x {@link #HEIGHT} on the real background executor, shown, with no project
     *         open
     */
    public static SampleWindow show(Stage stage, Path dir) {
        return show(stage, dir, new FxTaskExecutor(), WIDTH);
    }

    /**
     * The window for the experiment editor's flow tests, at the size of Monocle's screen, on an unchanged copy.
     *
     * @param stage the test's stage
     * @param dir   a temporary folder for the copy and the recent-projects list
     * @return the window, shown, with the copy open
     */
    public static SampleWindow open(Stage stage, Path dir) throws Exception {
        Path file = copySample(dir.resolve("copy/camels-regions.hdproj"), p -> { });
        SampleWindow w = show(stage, dir, new FxTaskExecutor(), SCREEN_WIDTH);
        w.vm().open(file);
        return w;
    }
}
