package org.hydrodelta.app.gui;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.hydrodelta.app.gui.explorer.ProjectExplorerViewModel;
import org.hydrodelta.app.task.FxTaskExecutor;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectException;
import org.hydrodelta.core.project.ProjectStore;

/** State of the main window: the open project and its file, the title, the status line. */
public final class MainViewModel {
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final ProjectExplorerViewModel explorer = new ProjectExplorerViewModel();
    private final RecentProjects recent;
    private final FxTaskExecutor tasks = new FxTaskExecutor();
    private final StringBinding title;

    /** @param recent where recently opened projects are remembered */
    public MainViewModel(RecentProjects recent) {
        this.recent = recent;
        title = Bindings.createStringBinding(() -> project.get() == null ? "HydroDelta Workbench"
                : project.get().name() + (file.get() == null ? " (unsaved)" : " — " + file.get().getFileName())
                        + " — HydroDelta Workbench", project, file);
    }

    /**
     * Opens a project file; on failure the current project stays open and the status says why.
     *
     * @param path the project file
     * @return whether it opened
     */
    public boolean open(Path path) {
        try {
            Project p = ProjectStore.load(path);
            explorer.show(p);
            project.set(p);
            file.set(path.toAbsolutePath().normalize());
            recent.add(path);
            status.set("Opened " + path.getFileName() + ": " + plural(p.basins().size(), "basin") + ", "
                    + plural(p.datasets().size(), "dataset") + ", " + plural(p.experiments().size(), "experiment"));
            return true;
        } catch (ProjectException e) {
            status.set("Cannot open: " + e.getMessage());
            return false;
        } catch (DataFormatException e) {
            status.set("Cannot read the attributes of " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Starts a new empty, unsaved project. */
    public void newProject() {
        Project p = new Project("Untitled project");
        explorer.show(p);
        project.set(p);
        file.set(null);
        status.set("New project");
    }

    /**
     * Saves the project to a file (Save As when {@code target} differs from the current file).
     *
     * @param target the file to write
     * @return whether it was saved
     */
    public boolean saveAs(Path target) {
        if (project.get() == null) {
            return false;
        }
        try {
            ProjectStore.save(project.get(), target);
            file.set(target.toAbsolutePath().normalize());
            recent.add(target);
            status.set("Saved " + target.getFileName());
            return true;
        } catch (ProjectException e) {
            status.set(e.getMessage());
            return false;
        }
    }

    /** @return the explorer pane's view model */
    public ProjectExplorerViewModel explorer() {
        return explorer;
    }

    /** @return the open project */
    public ObjectProperty<Project> projectProperty() {
        return project;
    }

    /** @return the open project's file, {@code null} when unsaved */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** @return the status line */
    public StringProperty statusProperty() {
        return status;
    }

    /** @return the window title */
    public StringBinding titleBinding() {
        return title;
    }

    /** @return the executor of background work (training, import, evaluation) */
    public FxTaskExecutor tasks() {
        return tasks;
    }

    /** @return recently opened projects */
    public RecentProjects recent() {
        return recent;
    }
}
