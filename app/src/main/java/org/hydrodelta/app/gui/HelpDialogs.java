package org.hydrodelta.app.gui;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.hydrodelta.core.Version;

/** The Help menu's windows: a short user guide, the keyboard shortcuts, and About with version and citations. */
final class HelpDialogs {
    /** The guide's text (also checked by a test, so it stays in step with the menus). */
    static final String GUIDE = String.join("\n",
            "A project opens on the map of its basins; the explorer on the left lists them with their names, areas "
                    + "and snow fractions, and the properties pane on the right shows the selected one's attributes.",
            "",
            "1. View > Data doctor shows what training would get from the data and what it would drop; its warnings "
                    + "are kept in View > Messages.",
            "2. View > Training: choose an experiment and press Train. The loss curve and the median validation NSE "
                    + "grow live, the map recolours after every epoch, and the status bar follows training, "
                    + "evaluation and attribute sensitivities to the end. Queue adds another training behind it.",
            "3. Click a basin on the map or in the explorer: its hydrograph opens with the simulated flow and the "
                    + "states the model was never trained on. View > Results compares runs across basins. Open "
                    + "views update by themselves when a run finishes.",
            "4. Double-click an experiment in the explorer to edit it; problems are explained and their fields "
                    + "outlined before anything runs. Edit > Undo takes an edit back; Select on map… (in the Basins "
                    + "section) picks basins with a lasso.",
            "5. File > Import data adds a CAMELS-US or Caravan folder, plain CSV files or map layers.",
            "6. Run on cluster… (right-click an experiment in the explorer, Runs > Run on cluster…, or beside Train "
                    + "in the Training tab) runs it on Apache Spark with the cluster module's own distribution "
                    + "(bin/hydrodelta-cluster): one run data-parallel, its holdout/ensemble group, or a sweep over "
                    + "KEY=V1,V2 lines. Write job puts job.sh (with the equivalent spark-submit) and job.json into "
                    + "cluster-jobs/ beside the project; Submit runs it as a background task (Cancel in the status "
                    + "bar stops it), its output goes to View > Messages, and its runs appear when it ends.",
            "",
            "Runs are written beside the project file, in runs/. The same training runs headless: "
                    + "hydrodelta train PROJECT --experiment NAME --evaluate.");

    /** Shortcuts as shown by Help > Keyboard shortcuts. */
    static final String SHORTCUTS = String.join("\n",
            "Ctrl+N  new project            Ctrl+O  open project",
            "Ctrl+S  save                   Ctrl+Shift+S  save as",
            "Ctrl+I  import data            Ctrl+W  close project",
            "Ctrl+Z  undo experiment edit   Ctrl+Shift+Z  redo",
            "Ctrl+M  basin map              Ctrl+D  data doctor",
            "Ctrl+T  training               Ctrl+R  results",
            "Ctrl+L  messages               F1      user guide",
            "Ctrl+Q  quit                   Ctrl+Shift+C  combine runs",
            "",
            "Map: drag to pan, wheel to zoom, click a gauge to open its hydrograph, Shift+drag to lasso.",
            "(On macOS, Cmd instead of Ctrl.)");

    private HelpDialogs() {
    }

    static void guide(Window owner) {
        show(owner, "User guide", "First steps", GUIDE);
    }

    static void shortcuts(Window owner) {
        show(owner, "Keyboard shortcuts", "Keyboard shortcuts", SHORTCUTS);
    }

    /** @return the About text: version, Java, the method and data citations, the licence */
    static String aboutText() {
        return String.join("\n",
                "HydroDelta Workbench " + Version.get(),
                "Java " + System.getProperty("java.version"),
                "",
                "Method: Feng, D., Liu, J., Lawson, K., & Shen, C. (2022). Differentiable, learnable, regionalized "
                        + "process-based models with multiphysical outputs can approach state-of-the-art "
                        + "hydrologic prediction accuracy. Water Resources Research 58, e2022WR032404. "
                        + "doi:10.1029/2022WR032404",
                "",
                "Data: Newman, A. J., et al. (2015), HESS 19, 209-223, doi:10.5194/hess-19-209-2015; "
                        + "Addor, N., et al. (2017), HESS 21, 5293-5313, doi:10.5194/hess-21-5293-2017; "
                        + "Kratzert, F., et al. (2023), Caravan, Scientific Data 10, 61.",
                "",
                "Licence: GPL-3.0-or-later.");
    }

    static void about(Window owner) {
        show(owner, "About HydroDelta Workbench", "HydroDelta Workbench " + Version.get(), aboutText());
    }

    private static void show(Window owner, String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(title);
        a.setHeaderText(header);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefSize(640, 360);
        a.getDialogPane().setContent(area);
        a.setResizable(true);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.show();
    }
}
