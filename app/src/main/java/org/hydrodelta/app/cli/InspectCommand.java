package org.hydrodelta.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.doctor.BasinDiagnosis;
import org.hydrodelta.core.data.doctor.DoctorReport;
import org.hydrodelta.core.data.pet.PetChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hydrodelta inspect PATH}: the data doctor. Prints one line per basin and a summary to stdout, errors as
 * {@code ERROR <file>:<line>: <message>} and warnings as {@code WARN <file>: <message>} to stderr; exits 0 when the
 * data is usable, 1 when not.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Check data before training: a CAMELS-US or Caravan folder, a CSV mapping (*.json) or a project"
                + " file. Prints per basin the period, coverage and gaps of each variable, sentinels, suspicious units,"
                + " Tmax == Tmin, missing attributes and the basin-days training would drop. Exit 0 when usable, 1 when"
                + " not.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "CAMELS/Caravan folder, CSV mapping or project file")
    Path path;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the per-basin table as CSV")
    Path csv;

    @Option(names = "--product", paramLabel = "NAME", description = "CAMELS forcing product (daymet, maurer,"
            + " maurer_extended, nldas); default daymet if present, else the first")
    String product;

    @Option(names = "--basins", paramLabel = "FILE", description = "basin-list file (one id a line)")
    Path basins;

    @Option(names = "--pet", paramLabel = "CHOICE", description = "where PET comes from: column (the data's PET"
            + " column, computed automatically where there is none), auto (always computed, method chosen from the"
            + " data), hargreaves, priestley-taylor or hamon (always computed with that method); default: the"
            + " project dataset's choice, else column")
    String pet;

    @Option(names = "--threads", paramLabel = "N", description = "parsing threads (default: all cores)")
    int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> ids = basins == null ? null : CsvDatasetLoader.readBasinList(basins);
        LoadOptions options = new LoadOptions(product, ids, null, null, null, threads);
        PetChoice petChoice = null;
        if (pet != null) {
            try {
                petChoice = PetChoice.parse(pet);
            } catch (IllegalArgumentException e) {
                err.println("ERROR --" + e.getMessage());
                err.flush();
                return 2;
            }
        }
        DoctorReport report = org.hydrodelta.core.project.ProjectDoctor.inspect(path, options, petChoice);
        for (DataIssue i : report.issues()) {
            err.println(i.format());
        }
        err.flush();
        for (BasinDiagnosis b : report.basins()) {
            out.println(line(b));
        }
        out.println();
        report.summary().forEach(out::println);
        java.util.List<String> aux = org.hydrodelta.core.project.ProjectDoctor.lastAuxiliary();
        if (!aux.isEmpty()) {
            out.println();
            out.println("auxiliary observations (dataset options observation.*):");
            aux.forEach(l -> out.println("  " + l));
        }
        if (csv != null) {
            report.writeCsv(csv);
            out.println("per-basin table written to " + csv);
        }
        out.flush();
        return report.usable() ? 0 : 1;
    }

    static String line(BasinDiagnosis b) {
        if (!b.usable()) {
            return b.basinId() + "  SKIPPED  " + b.reason();
        }
        StringBuilder sb = new StringBuilder(b.basinId()).append("  ok  ");
        sb.append(b.period() == null ? "no data" : b.period().toString());
        for (Variable v : DoctorReport.SHOWN) {
            Double c = b.coverage().get(v);
            sb.append(String.format(Locale.ROOT, "  %s %.1f%%", v.name().toLowerCase(Locale.ROOT), c == null ? 0 : 100 * c));
            int gaps = b.gaps().getOrDefault(v, 0);
            if (gaps > 0) {
                sb.append(String.format(Locale.ROOT, " (%d gap%s, longest %d d)", gaps, gaps == 1 ? "" : "s",
                        b.longestGap().getOrDefault(v, 0)));
            }
        }
        if (b.sentinels() > 0) {
            sb.append("  sentinels ").append(b.sentinels());
        }
        if (!Double.isNaN(b.runoffRatio())) {
            sb.append(String.format(Locale.ROOT, "  runoff ratio %.2f", b.runoffRatio()));
        }
        if (b.suspiciousUnit()) {
            sb.append("  SUSPICIOUS FLOW UNIT");
        }
        if (b.tmaxEqualsTmin()) {
            sb.append("  Tmax==Tmin");
        }
        sb.append("  pet ").append(b.petMethod() == null ? "none" : b.petMethod().toLowerCase(Locale.ROOT));
        if (!b.missingAttributes().isEmpty()) {
            sb.append("  missing attributes: ").append(String.join(" ", b.missingAttributes()));
        }
        sb.append("  training drops ").append(b.droppedDays()).append(" d");
        return sb.toString();
    }
}
