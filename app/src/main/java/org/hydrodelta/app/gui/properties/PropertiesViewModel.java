package org.hydrodelta.app.gui.properties;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hydrodelta.core.data.AttributeSchema;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ProjectAttributes;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.RunFolder;

/**
 * State of the properties pane: (category, name, value) rows describing the selected item — a basin's every
 * CAMELS attribute with its unit and description, an experiment's configuration, or a run's self-description ({@code run.json}) and test
 * medians.
 */
public final class PropertiesViewModel {
    /**
     * One property.
     *
     * @param category    group shown in the sheet
     * @param name        property name
     * @param value       its value, as text
     * @param description what it is, e.g. {@code elev_mean — catchment mean elevation above sea level (m)} and on
     *                    the next line the data set's full wording when that says more; empty when unknown
     */
    public record Item(String category, String name, String value, String description) {
        /**
         * A property without description.
         *
         * @param category group shown in the sheet
         * @param name     property name
         * @param value    its value, as text
         */
        public Item(String category, String name, String value) {
            this(category, name, value, "");
        }
    }

    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final StringProperty title = new SimpleStringProperty("Properties");

    /** @return the rows */
    public ObservableList<Item> items() {
        return items;
    }

    /** @return what is shown */
    public StringProperty titleProperty() {
        return title;
    }

    /**
     * Shows a basin: all attribute-table columns, grouped by table.
     *
     * @param attributes the project's attribute tables (the explorer's, read when the project was shown)
     * @param basinId    the basin
     */
    public void showBasin(ProjectAttributes attributes, String basinId) {
        showBasinAttributes(attributes, basinId);
    }

    private void showBasinAttributes(ProjectAttributes attributes, String basinId) {
        items.clear();
        title.set("Basin " + basinId);
        BasinAttributes a = attributes.tableFor(basinId).orElse(null);
        if (a == null) {
            items.add(new Item("attributes", "(none)", "no dataset of the project has attributes for this basin"));
            return;
        }
        for (String col : a.columns()) {
            String table = a.sourceFile(col) == null ? "attributes" : a.sourceFile(col).getFileName().toString()
                    .replace("camels_", "").replaceFirst("\\.(txt|csv)$", "");
            AttributeSchema.Description d = a.schema().describe(col).orElse(null);
            String unit = d == null ? "" : d.unit();
            String v = a.kind(col) == BasinAttributes.Kind.NUMERIC ? format(a.value(basinId, col))
                    + (unit.isEmpty() || Double.isNaN(a.value(basinId, col)) ? "" : " " + unit) : a.text(basinId, col);
            items.add(new Item(table, col, v, describe(d, col)));
        }
    }

    /**
     * Shows an experiment's configuration, flattened (e.g. {@code training.epochs}).
     *
     * @param experiment the experiment
     */
    public void showExperiment(Experiment experiment) {
        items.clear();
        title.set("Experiment " + experiment.name());
        JsonNode tree = ProjectStore.mapper().valueToTree(experiment.config());
        // only the options the experiment's model reads: no HBV settings for a plain LSTM, no network for a
        // calibrated HBV
        org.hydrodelta.core.model.ModelRegistry.find(experiment.config().model()).ifPresent(e -> {
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                if (!e.capabilities().conceptual()) {
                    o.remove("hbv");
                }
                if (!e.capabilities().needsNetwork()) {
                    o.remove("network");
                }
            }
        });
        flatten("configuration", "", tree);
    }

    /**
     * Shows a run: {@code run.json}, and the median test metrics when evaluated.
     *
     * @param run the run
     */
    public void showRun(RunRef run) {
        items.clear();
        title.set("Run " + run.name());
        items.add(new Item("run", "folder", run.path().toString()));
        // the project's record of the run: running, finished, cancelled, failed or interrupted, and why
        items.add(new Item("project", "status", run.status()));
        if (run.reason() != null) {
            items.add(new Item("project", "reason", run.reason()));
        }
        try {
            if (!Files.isDirectory(run.path())) {
                items.add(new Item("run", "error", "the run folder is missing"));
                return;
            }
            RunFolder folder = RunFolder.open(run.path());
            flatten("run", "", folder.readJson("run.json"));
            showBasins(folder);
            for (Map.Entry<String, String> m : org.hydrodelta.core.eval.RunResults.of(run.path()).medians()
                    .entrySet()) {
                items.add(new Item("test medians", m.getKey(), m.getValue()));
            }
        } catch (java.io.IOException e) {
            items.add(new Item("run", "error", e.getMessage()));
        }
    }

    /**
     * Shows one evaluation or prediction of a run: what it scored (period, run-up, checkpoint, dataset), its medians,
     * and for a prediction every basin attribute outside the training basins' range, with how far.
     *
     * @param run        the run
     * @param evaluation the evaluation's folder name under the run's {@code eval/}
     */
    public void showEvaluation(RunRef run, String evaluation) {
        items.clear();
        title.set("Run " + run.name() + ": " + evaluation);
        if (run.group() != null) {
            items.add(new Item("group", run.group(), run.member() == null ? "" : run.member()));
        }
        org.hydrodelta.core.eval.RunResults r = org.hydrodelta.core.eval.RunResults.of(run.path(), evaluation);
        items.add(new Item("evaluation", "folder", r.dir().toString()));
        try {
            r.info().forEach((k, v) -> items.add(new Item("evaluation", k, v)));
            for (Map.Entry<String, String> m : r.medians().entrySet()) {
                items.add(new Item("medians", m.getKey(), m.getValue()));
            }
            java.util.List<String> flags = r.attributeRangeFlags();
            for (String f : flags) {
                int colon = f.indexOf(": ");
                items.add(new Item("outside the training range", f.substring(0, colon), f.substring(colon + 2),
                        "The network extrapolates for this basin: the attribute lies outside the range of the basins"
                                + " the run trained on"));
            }
        } catch (java.io.IOException | RuntimeException e) {
            items.add(new Item("evaluation", "error", e.getMessage()));
        }
    }

    /**
     * @return the attribute's label and, when the data set's wording says more than its first phrase, that
     *         wording on a second line; empty for an undocumented column
     */
    static String describe(AttributeSchema.Description d, String column) {
        if (d == null) {
            return "";
        }
        return d.label(column) + (d.text().equals(d.brief()) ? "" : "\n" + d.text());
    }

    /** Run ids shown in the properties before the rest is counted. */
    static final int BASINS_SHOWN = 40;

    /**
     * The basins a run trained on and the requested ones it skipped with the reasons, as its folder records them
     * ({@code train --skip-unusable} and the window's skip box write the same record).
     */
    private void showBasins(RunFolder folder) throws java.io.IOException {
        java.util.List<String> used = folder.basinsUsed();
        java.util.List<String> skipped = folder.basinsSkipped();
        if (used.isEmpty() && skipped.isEmpty()) {
            items.add(new Item("basins", "used", "not recorded (a run of an older version)"));
            return;
        }
        java.util.List<String[]> rows = skipped.stream().map(PropertiesViewModel::csvRow).toList();
        long skippedBasins = rows.stream().map(r -> r[0]).distinct().count();
        items.add(new Item("basins", "used", used.size() + (used.size() == 1 ? " basin: " : " basins: ")
                + String.join(", ", used.subList(0, Math.min(BASINS_SHOWN, used.size())))
                + (used.size() > BASINS_SHOWN ? " and " + (used.size() - BASINS_SHOWN) + " more" : "")));
        items.add(new Item("basins", "skipped", skippedBasins == 0 ? "none" : skippedBasins + " unusable "
                + (skippedBasins == 1 ? "basin" : "basins") + ": " + String.join(", ", rows.stream()
                .map(r -> r[0]).distinct().toList())));
        for (String[] r : rows) {
            String where = r.length > 1 && !r[1].isEmpty() ? r[1] + (r.length > 2 && !r[2].isEmpty() ? ":" + r[2]
                    : "") + ": " : "";
            items.add(new Item("basins", "skipped " + r[0], where + (r.length > 3 ? r[3] : "")));
        }
    }

    /**
     * @param line a row of the run's skipped-basins table (basin,file,line,reason; quoted where it has commas)
     * @return its fields
     */
    static String[] csvRow(String line) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out.toArray(String[]::new);
    }

    private void flatten(String category, String prefix, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(category, prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue());
            }
        } else {
            items.add(new Item(category, prefix, node.isTextual() ? node.asText() : node.toString()));
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : (v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v)
                : String.format(java.util.Locale.ROOT, "%.4g", v));
    }
}
