package org.hydrodelta.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hydrodelta gui [PROJECT]}: opens the workbench window. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the workbench window, on PROJECT or on the bundled sample project.")
public final class GuiCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "a *.hdproj project file")
    Path project;

    @Override
    public Integer call() {
        org.hydrodelta.app.gui.WorkbenchApp.launchWith(project);
        return 0;
    }
}
