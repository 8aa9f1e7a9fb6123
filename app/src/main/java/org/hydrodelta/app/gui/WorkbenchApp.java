package org.hydrodelta.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: creates the main window and opens the initial project. */
public final class WorkbenchApp extends Application {
    private static volatile Path initialProject;

    /**
     * Launches the workbench and blocks until its window closes.
     *
     * @param project the project to open, or {@code null} for the default sample project
     */
    public static void launchWith(Path project) {
        initialProject = project;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        MainViewModel vm = new MainViewModel(RecentProjects.forUser(), new org.hydrodelta.app.task.FxTaskExecutor());
        MainView view = new MainView(vm);
        stage.titleProperty().bind(vm.titleBinding());
        stage.setScene(new Scene(view, 1280, 820));
        stage.setOnCloseRequest(e -> {
            if (!view.confirmDiscard()) {
                e.consume();
            }
        });
        // autosave modified projects that have a file every minute
        javafx.animation.Timeline autosave = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.minutes(1), e -> vm.autosave()));
        autosave.setCycleCount(javafx.animation.Animation.INDEFINITE);
        autosave.play();
        stage.show();
        Path project = initialProject != null ? initialProject : defaultSampleProject().orElse(null);
        if (project != null) {
            vm.open(project);
        } else {
            vm.newProject();
        }
    }

    /**
     * Finds the bundled sample project: beside the distribution ({@code hydrodelta.home}), in the source tree the
     * distribution was built in, or under the working directory.
     *
     * @return the camels-regions project file, if found
     */
    public static Optional<Path> defaultSampleProject() {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("hydrodelta.home");
        if (home != null) {
            Path h = Path.of(home).toAbsolutePath();
            roots.add(h);
            // app/target/dist -> repository root
            if (h.getParent() != null && h.getParent().getParent() != null && h.getParent().getParent().getParent() != null) {
                roots.add(h.getParent().getParent().getParent());
            }
        }
        roots.add(Path.of("").toAbsolutePath());
        return roots.stream().map(r -> r.resolve("sample-projects/camels-regions/camels-regions.hdproj"))
                .filter(Files::isRegularFile).findFirst();
    }
}
