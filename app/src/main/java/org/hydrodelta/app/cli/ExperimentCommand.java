package org.hydrodelta.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta experiment add|set|show PROJECT NAME [key=value ...]}: edits experiments without the window,
 * with the validation of the project file and the experiment editor (unknown keys refused by name, every value and
 * combination checked) before anything is saved.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Add, change or show an experiment: experiment add|set|show PROJECT NAME [key=value ...]. Keys"
                + " are the configuration's (see the README's project files), dotted for nested ones, e.g."
                + " model=delta-hbv trainPeriod=1999-10-01..2008-09-30 validationPeriod.warmupStart=1981-01-01"
                + " training.epochs=10 training.earlyStopping=3 forcings=prcp,tmean,pet; key= (empty) restores the"
                + " default.",
        subcommands = {ExperimentCommand.Add.class, ExperimentCommand.Set.class, ExperimentCommand.Show.class})
public final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Shared arguments. */
    abstract static class Base implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        java.io.PrintWriter out() {
            return spec.commandLine().getOut();
        }

        java.io.PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
        Path project;

        @Parameters(index = "1", paramLabel = "NAME", description = "experiment name")
        String name;

        @Parameters(index = "2..*", paramLabel = "KEY=VALUE", description = "settings")
        List<String> settings = new ArrayList<>();
    }

    /** {@code experiment add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an experiment: every default (the paper's configuration) changed by KEY=VALUE.")
    static final class Add extends Base {
        @Override
        public Integer call() throws Exception {
            Project p = ProjectArgs.load(project);
            if (p.experiment(name).isPresent()) {
                throw new IllegalArgumentException("the project already has an experiment '" + name
                        + "'; use experiment set to change it");
            }
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("experiment name '" + name + "' must be letters, digits, '.', '_'"
                        + " or '-' (it names run folders)");
            }
            ExperimentConfig c = apply(ExperimentConfig.defaults(), settings, name);
            p.experiments().add(new Experiment(name, c));
            ProjectStore.save(p, project);
            out().println("experiment '" + name + "' added to " + project);
            out().println(show(c));
            return 0;
        }
    }

    /** {@code experiment set}. */
    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change settings of an experiment.")
    static final class Set extends Base {
        @Override
        public Integer call() throws Exception {
            Project p = ProjectArgs.load(project);
            Experiment e = find(p, name, project);
            ExperimentConfig c = apply(e.config(), settings, name);
            p.experiments().set(p.experiments().indexOf(e), new Experiment(name, c));
            ProjectStore.save(p, project);
            out().println("experiment '" + name + "' updated in " + project);
            out().println(show(c));
            return 0;
        }
    }

    /** {@code experiment show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print an experiment's configuration as JSON, with every default filled in.")
    static final class Show extends Base {
        @Override
        public Integer call() throws Exception {
            if (!settings.isEmpty()) {
                throw new IllegalArgumentException("experiment show takes no KEY=VALUE (use experiment set)");
            }
            Project p = ProjectArgs.load(project);
            out().println(show(find(p, name, project).config()));
            return 0;
        }
    }

    static Experiment find(Project p, String name, Path file) {
        return p.experiment(name).orElseThrow(() -> new IllegalArgumentException("no experiment '" + name + "' in "
                + file + "; it has " + p.experiments().stream().map(Experiment::name).toList()));
    }

    static String show(ExperimentConfig c) throws Exception {
        return ProjectStore.mapper().writeValueAsString(c);
    }

    /**
     * Applies KEY=VALUE settings to a configuration and validates the result as a project file would be.
     *
     * @param base     the configuration to change
     * @param settings KEY=VALUE strings
     * @param name     experiment name for messages
     * @return the new configuration
     */
    static ExperimentConfig apply(ExperimentConfig base, List<String> settings, String name) {
        return org.hydrodelta.core.project.ExperimentKeys.apply(base, settings, name);
    }
}
