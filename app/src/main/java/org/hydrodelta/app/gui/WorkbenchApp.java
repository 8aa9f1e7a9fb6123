package org.hydrodelta.app.gui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: the workbench main window. */
public final class WorkbenchApp extends Application {
    private static Path initialProject;

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
        stage.setTitle("HydroDelta Workbench");
        stage.setScene(new Scene(new Label("HydroDelta Workbench " + initialProject), 1200, 800));
        stage.show();
    }
}
