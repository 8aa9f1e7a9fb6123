package org.hydrodelta.core.data.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.Variable;

/**
 * Everything {@code hydrodelta inspect} prints: one diagnosis per basin, the issues, and the summary.
 *
 * @param source    what was inspected
 * @param layout    "CAMELS-US (nldas)", "Caravan", "CSV mapping"
 * @param basins    per-basin diagnoses
 * @param issues    errors and warnings
 */
public record DoctorReport(Path source, String layout, List<BasinDiagnosis> basins, List<DataIssue> issues) {

    /** Variables shown as columns, in order. */
    public static final List<Variable> SHOWN = List.of(Variable.PRCP, Variable.TMEAN, Variable.PET, Variable.QOBS);

    /** @return whether the data can be used: at least one usable basin and no ERROR */
    public boolean usable() {
        return basins.stream().anyMatch(BasinDiagnosis::usable)
                && issues.stream().noneMatch(i -> i.severity() == DataIssue.Severity.ERROR);
    }

    /** @return the summary lines */
    public List<String> summary() {
        long ok = basins.stream().filter(BasinDiagnosis::usable).count();
        long days = basins.stream().filter(b -> b.period() != null).mapToLong(b -> b.period().days()).sum();
        long dropped = basins.stream().mapToLong(BasinDiagnosis::droppedDays).sum();
        long errors = issues.stream().filter(i -> i.severity() == DataIssue.Severity.ERROR).count();
        long warnings = issues.size() - errors;
        List<String> lines = new java.util.ArrayList<>(List.of(
                "source: " + source + " (" + layout + ")",
                String.format(Locale.ROOT, "basins: %d usable, %d skipped", ok, basins.size() - ok),
                String.format(Locale.ROOT, "basin-days: %d, training would drop %d (%.1f%%)", days, dropped,
                        days == 0 ? 0.0 : 100.0 * dropped / days),
                String.format(Locale.ROOT, "issues: %d errors, %d warnings", errors, warnings)));
        lines.addAll(HydrologyChecks.summary(issues));
        lines.add(usable() ? "verdict: usable" : "verdict: NOT usable (fix the errors above)");
        return List.copyOf(lines);
    }

    /** @return the per-basin table header */
    public static String header() {
        StringBuilder sb = new StringBuilder("basin,status,start,end");
        for (Variable v : SHOWN) {
            String n = v.name().toLowerCase(Locale.ROOT);
            sb.append(',').append(n).append("_coverage,").append(n).append("_gaps,").append(n).append("_longest_gap");
        }
        return sb.append(",sentinels,runoff_ratio,suspicious_unit,tmax_eq_tmin,pet,missing_attributes,dropped_days,reason")
                .toString();
    }

    /**
     * @param b a diagnosis
     * @return its CSV row (same columns as {@link #header()})
     */
    public static String row(BasinDiagnosis b) {
        StringBuilder sb = new StringBuilder(b.basinId()).append(',').append(b.usable() ? "ok" : "skipped").append(',');
        sb.append(b.period() == null ? "," : b.period().start() + "," + b.period().end().minusDays(1));
        for (Variable v : SHOWN) {
            Double c = b.coverage().get(v);
            sb.append(',').append(c == null ? "" : String.format(Locale.ROOT, "%.3f", c));
            sb.append(',').append(b.gaps().getOrDefault(v, 0)).append(',').append(b.longestGap().getOrDefault(v, 0));
        }
        sb.append(',').append(b.sentinels());
        sb.append(',').append(Double.isNaN(b.runoffRatio()) ? "" : String.format(Locale.ROOT, "%.3f", b.runoffRatio()));
        sb.append(',').append(b.suspiciousUnit()).append(',').append(b.tmaxEqualsTmin());
        sb.append(',').append(b.petMethod() == null ? "" : b.petMethod());
        sb.append(',').append(String.join(" ", b.missingAttributes()));
        sb.append(',').append(b.droppedDays());
        sb.append(',').append(b.reason() == null ? "" : '"' + b.reason().replace("\"", "\"\"") + '"');
        return sb.toString();
    }

    /**
     * Writes the per-basin table as CSV.
     *
     * @param file destination
     */
    public void writeCsv(Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header());
            w.write('\n');
            for (BasinDiagnosis b : basins) {
                w.write(row(b));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
