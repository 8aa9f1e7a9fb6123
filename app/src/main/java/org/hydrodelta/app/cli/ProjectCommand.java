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

/** {@code hydrodelta project new DIR --name N}: creates an empty project without the window. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Create a project: project new DIR --name N writes DIR/<N>.hdproj.",
        subcommands = {ProjectCommand.New.class})
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
}
