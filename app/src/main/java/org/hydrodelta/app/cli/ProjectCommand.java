package org.hydrodelta.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta project new DIR --name N}: creates an empty project without the window; {@code project locate
 * PROJECT DATASET FOLDER}: points a dataset whose data moved at the folder they are in now.
 */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Create a project: project new DIR --name N writes DIR/<N>.hdproj; project locate PROJECT"
                + " DATASET FOLDER points a dataset at the folder its data moved to.",
        subcommands = {ProjectCommand.New.class, ProjectCommand.Locate.class})
public final class ProjectCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code project new DIR --name N}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Create an empty project DIR/<N>.hdproj (the folder is created; an existing project file is"
                    + " never overwritten).")
    static final class New implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        java.io.PrintWriter out() {
            return spec.commandLine().getOut();
        }

        java.io.PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Parameters(index = "0", paramLabel = "DIR", description = "folder of the new project")
        Path dir;

        @Option(names = "--name", required = true, description = "project name (also the file name)")
        String name;

        @Option(names = "--description", description = "free-text description")
        String description;

        @Override
        public Integer call() throws Exception {
            if (name.isBlank()) {
                throw new IllegalArgumentException("--name must not be empty");
            }
            String fileName = name.strip().replaceAll("[^A-Za-z0-9._-]+", "-") + ProjectStore.EXTENSION;
            Path file = dir.resolve(fileName).toAbsolutePath().normalize();
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " already exists; choose another --name or folder");
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + " exists and is not a folder");
            }
            Project p = new Project(name.strip());
            p.setDescription(description);
            ProjectStore.save(p, file);
            out().println("project created: " + file);
            return 0;
        }
    }

    /** {@code project locate PROJECT DATASET FOLDER}. */
    @Command(name = "locate", mixinStandardHelpOptions = true,
            description = "Point a dataset at the folder its data are in now (a project copied without its data, data"
                    + " moved to another disk): a CAMELS-US or Caravan dataset takes the folder as its path; a CSV"
                    + " mapping keeps its files' places relative to one another under the new folder and is written"
                    + " again (the previous one kept as <mapping>.bak). Nothing is written unless every file is"
                    + " found there.")
    static final class Locate implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PROJECT", description = "the project file")
        Path project;

        @Parameters(index = "1", paramLabel = "DATASET", description = "the dataset's name in the project")
        String dataset;

        @Parameters(index = "2", paramLabel = "FOLDER", description = "the folder that holds its data now")
        Path folder;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(org.hydrodelta.core.project.DataRelocation.relocate(project, dataset,
                    folder));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
