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
                TrainCommand.class,
                EvaluateCommand.class,
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
            commandLine.getErr().println("ERROR " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("hydrodelta.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl;
    }
}
