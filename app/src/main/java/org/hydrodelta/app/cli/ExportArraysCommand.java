package org.hydrodelta.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.io.NpyWriter;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.train.EpochLength;
import org.hydrodelta.core.train.ExperimentData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hydrodelta export-arrays PROJECT --experiment NAME OUT_DIR}: writes the arrays an experiment trains and is
 * scored on, loaded exactly as {@code train} loads them ({@link ExperimentData#load}, the dataset's PET choice
 * included), so that another program (the δ-model authors' PyTorch code, {@code scripts/torchref-train.py}) can be
 * trained on identical inputs. Nothing is normalised: raw forcings in their units, observed flow in mm/d with NaN
 * gaps, the attributes as the loader gives them (categorical ones already as codes).
 *
 * <p>Files, all float32 {@code .npy} in C order, basins in the order of {@code meta.json}:
 * <ul>
 * <li>{@code <period>_forcing.npy} [basins, days, forcings] and {@code <period>_flow.npy} [basins, days] for
 * {@code train} (the training period) and for {@code validation} and {@code test} over the days their scoring
 * needs, run-up included ({@link ExperimentData#runUp}); {@code meta.json} gives each span's first day, its length
 * and where scoring starts in it;</li>
 * <li>{@code attributes.npy} [basins, attributes];</li>
 * <li>{@code meta.json}: basins, forcing and attribute names, spans, the experiment's configuration as resolved
 * (defaults filled in) and the iterations per epoch {@code train} would run.</li>
 * </ul>
 * Every file is written to a temporary name and moved into place; {@code meta.json} comes last, so a folder with
 * one is complete.
 */
@Command(name = "export-arrays", mixinStandardHelpOptions = true,
        description = "Write the arrays an experiment trains and is scored on (raw forcings, flow in mm/d, attributes,"
                + " periods) as .npy files plus meta.json, loaded exactly as 'train' loads them.")
public final class ExportArraysCommand implements Callable<Integer> {
    /** Name of the description file written last. */
    public static final String META = "meta.json";

    @Parameters(index = "0", paramLabel = "PROJECT", description = "the *.hdproj project file")
    Path project;

    @Option(names = "--experiment", required = true, description = "experiment name in the project")
    String experiment;

    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "folder to write into (created when missing)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Project p = ProjectArgs.load(project);
        Experiment e = p.experiment(experiment).orElseThrow(() -> new IllegalArgumentException("no experiment '"
                + experiment + "' in " + project + "; it has " + p.experiments().stream().map(Experiment::name)
                .toList()));
        ConsoleProgress progress = new ConsoleProgress(System.err);
        progress.stage("load " + experiment);
        ExperimentConfig config = e.config();
        // the loader of train: unusable basins refuse the export as they refuse training
        ExperimentData data = ExperimentData.load(p, config, false, progress, CancellationToken.NONE);
        export(data, config, experiment, out);
        System.out.println("arrays of " + data.dataset().nBasins() + " basins written to " + out);
        return 0;
    }

    /**
     * Writes the arrays of loaded experiment data.
     *
     * @param data       the data as {@code train} loads it
     * @param config     the experiment configuration
     * @param experiment its name, recorded in {@code meta.json}
     * @param out        the folder
     * @throws IOException if a file cannot be written
     */
    static void export(ExperimentData data, ExperimentConfig config, String experiment, Path out)
            throws IOException {
        Files.createDirectories(out);
        BasinDataset ds = data.dataset();
        List<Variable> forcings = config.forcings().stream()
                .map(f -> Variable.valueOf(f.toUpperCase(Locale.ROOT))).toList();
        ObjectMapper json = org.hydrodelta.core.project.ProjectStore.mapper();
        ObjectNode meta = json.createObjectNode();
        meta.put("experiment", experiment);
        meta.put("dataset", data.datasetRef().name());
        meta.put("pet", ExperimentData.petChoice(data.datasetRef()).describe());
        ArrayNode basins = meta.putArray("basins");
        ds.basinIds().forEach(basins::add);
        ArrayNode fn = meta.putArray("forcings");
        forcings.forEach(v -> fn.add(v.name().toLowerCase(Locale.ROOT) + " (" + v.unit() + ")"));
        ArrayNode an = meta.putArray("attributes");
        ds.attributeNames().forEach(an::add);

        Map<String, Period[]> spans = new LinkedHashMap<>(); // name -> {span, scored}
        spans.put("train", new Period[] {config.trainPeriod(), config.trainPeriod()});
        if (config.validationPeriod() != null) {
            Period runUp = ExperimentData.runUp(config, config.validationPeriod());
            spans.put("validation", new Period[] {new Period(runUp.start(), config.validationPeriod().end()),
                config.validationPeriod(), runUp});
        }
        Period testRunUp = ExperimentData.runUp(config, config.testPeriod());
        spans.put("test", new Period[] {new Period(testRunUp.start(), config.testPeriod().end()),
            config.testPeriod(), testRunUp});
        ObjectNode periods = meta.putObject("periods");
        for (Map.Entry<String, Period[]> s : spans.entrySet()) {
            Period span = s.getValue()[0];
            Period scored = s.getValue()[1];
            int from = ds.dayIndex(span.start());
            int days = span.days();
            int nf = forcings.size();
            float[] x = new float[ds.nBasins() * days * nf];
            float[] q = new float[ds.nBasins() * days];
            for (int b = 0; b < ds.nBasins(); b++) {
                for (int f = 0; f < nf; f++) {
                    float[] series = ds.series(forcings.get(f), b);
                    for (int d = 0; d < days; d++) {
                        x[(b * days + d) * nf + f] = series[from + d];
                    }
                }
                float[] flow = ds.series(Variable.QOBS, b);
                System.arraycopy(flow, from, q, b * days, days);
            }
            NpyWriter.write(out.resolve(s.getKey() + "_forcing.npy"), x, ds.nBasins(), days, nf);
            NpyWriter.write(out.resolve(s.getKey() + "_flow.npy"), q, ds.nBasins(), days);
            ObjectNode pn = periods.putObject(s.getKey());
            pn.put("start", span.start().toString());
            pn.put("days", days);
            pn.put("scoredStart", scored.start().toString());
            pn.put("scoredFromIndex", (int) java.time.temporal.ChronoUnit.DAYS.between(span.start(), scored.start()));
            pn.put("scoredDays", scored.days());
            if (s.getValue().length > 2) {
                Period runUp = s.getValue()[2];
                pn.put("runUpStart", runUp.start().toString());
                pn.put("runUpEnd", runUp.end().toString());
            }
        }
        float[][] attrs = ds.attributes();
        int na = ds.attributeNames().size();
        float[] a = new float[ds.nBasins() * na];
        for (int b = 0; b < ds.nBasins(); b++) {
            System.arraycopy(attrs[b], 0, a, b * na, na);
        }
        NpyWriter.write(out.resolve("attributes.npy"), a, ds.nBasins(), na);

        meta.put("warmupDays", config.warmupDays());
        meta.put("windowDays", config.windowDays());
        int batch = config.training().batchSize();
        meta.put("iterationsPerEpoch", config.training().iterationsPerEpoch() > 0
                ? config.training().iterationsPerEpoch()
                : EpochLength.iterations(batch, config.windowDays(), ds.nBasins(), config.trainPeriod().days(),
                        config.warmupDays()));
        meta.set("config", json.valueToTree(config));
        Path tmp = out.resolve(META + ".tmp");
        json.writeValue(tmp.toFile(), meta);
        Files.move(tmp, out.resolve(META), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
