package org.hydrodelta.app.cli;

import org.hydrodelta.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single command-line entry point: {@code hydrodelta <subcommand>}. Every subcommand (gui, project, import,
 * experiment, inspect, train, evaluate, map, bench) is registered here so {@code --help} lists them all.
 */
@Command(name = "hydrodelta",
        mixinStandardHelpOptions = true,
        versionProvider = HydroDeltaCommand.VersionProvider.class,
        description = "HydroDelta Workbench: differentiable hydrologic (delta) models for many basins.",
        subcommands = {
                GuiCommand.class,
                ProjectCommand.class,
                ImportCommand.class,
                ExperimentCommand.class,
                ExportArraysCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                PredictCommand.class,
                CombineCommand.class,
                BenchCommand.class,
                InspectCommand.class,
                MapCommand.class,
                CommandLine.HelpCommand.class
        })
public final class HydroDeltaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Supplies {@code --version} from the build's version resource. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HydroDelta Workbench " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    /**
     * Builds the command line with the project's conventions: errors in the user's input print a one-line reason
     * and exit with status 2 (usage) or 1 (failure), never a stack trace.
     *
     * @return the configured command line
     */
    public static CommandLine create() {
        CommandLine cl = new CommandLine(new HydroDeltaCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ERROR " + userMessage(ex));
            if (Boolean.getBoolean("hydrodelta.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl;
    }

    /**
     * What a user reads for a failure: the message of errors about their input (files, values, I/O), and for
     * anything else (an internal error) a sentence without the JVM's internals.
     *
     * @param ex the failure
     * @return one message
     */
    static String userMessage(Throwable ex) {
        if (ex instanceof OutOfMemoryError) {
            return "not enough memory for this run; give the JVM more (JAVA_OPTS=-Xmx16g) or use fewer basins, a"
                    + " smaller batch or network";
        }
        if (ex instanceof java.nio.file.FileSystemException fse) {
            return (fse.getFile() == null ? "" : fse.getFile() + ": ") + org.hydrodelta.core.io.IoErrors.reason(fse);
        }
        boolean user = ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException
                || ex instanceof org.hydrodelta.core.project.ProjectException
                || ex instanceof org.hydrodelta.core.progress.CancelledException
                || ex instanceof org.hydrodelta.core.data.DataFormatException;
        if (user && ex.getMessage() != null) {
            return ex.getMessage();
        }
        return "internal error (" + ex.getClass().getSimpleName() + "); please report it with the command that"
                + " caused it (rerun with JAVA_OPTS=-Dhydrodelta.debug=true for the details)";
    }
}
