package org.hydrodelta.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one check of which requested basins training (and evaluation, and the data doctor) can use, shared by
 * {@code inspect}, {@code train}, {@code evaluate} and the workbench so they never disagree. A basin is unusable
 * when it could not be loaded (any error in its files), when its static attributes cannot be read (a duplicated,
 * non-numeric or truncated row, no row in one of the tables), or when it has no observed flow in the period that
 * needs it. An attribute written as NA in the data is not an error (it takes the training mean, as documented). Every reason is a {@link DataIssue} naming the file, line and field where they are known.
 */
public final class Usability {
    private Usability() {
    }

    /**
     * A requested basin that cannot be used, with every reason.
     *
     * @param basinId the basin
     * @param reasons why, each naming file, line and field where known
     */
    public record UnusableBasin(String basinId, List<DataIssue> reasons) {
        /** @return one line: the basin and its reasons */
        public String format() {
            StringBuilder sb = new StringBuilder("basin ").append(basinId).append(": ");
            for (int i = 0; i < reasons.size(); i++) {
                if (i > 0) {
                    sb.append("; ");
                }
                DataIssue r = reasons.get(i);
                sb.append(r.file() == null ? "" : r.file() + (r.line() > 0 ? ":" + r.line() : "") + ": ")
                        .append(r.message());
            }
            return sb.toString();
        }

        /** @return the first reason's file, or null */
        public Path file() {
            return reasons.stream().map(DataIssue::file).filter(f -> f != null).findFirst().orElse(null);
        }
    }

    /**
     * Checks a load result against what was requested.
     *
     * @param requested       the basins asked for, in order
     * @param r               what loading gave
     * @param needsAttributes whether the model reads static attributes (then broken attribute rows count)
     * @param flowPeriod      period in which observed flow is needed (the training period), or null for any day
     * @return the unusable basins, in requested order (empty when all are usable)
     */
    public static List<UnusableBasin> check(List<String> requested, LoadResult r, boolean needsAttributes,
            Period flowPeriod) {
        return check(requested, r, needsAttributes, flowPeriod, true);
    }

    /**
     * Checks a load result against what was requested, for training ({@code needsFlow}) or for prediction, where a
     * basin without any observed flow is usable (its forcing and attributes are all a simulation reads).
     *
     * @param requested       the basins asked for, in order
     * @param r               what loading gave
     * @param needsAttributes whether the model reads static attributes (then broken attribute rows count)
     * @param flowPeriod      period in which observed flow is needed (the training period), or null for any day
     * @param needsFlow       whether a basin without observed flow in {@code flowPeriod} is unusable
     * @return the unusable basins, in requested order (empty when all are usable)
     */
    public static List<UnusableBasin> check(List<String> requested, LoadResult r, boolean needsAttributes,
            Period flowPeriod, boolean needsFlow) {
        Map<String, BasinReport> reports = new LinkedHashMap<>();
        for (BasinReport rep : r.reports()) {
            reports.putIfAbsent(rep.basinId(), rep);
        }
        BasinDataset ds = r.dataset();
        List<UnusableBasin> out = new ArrayList<>();
        for (String id : requested) {
            List<DataIssue> reasons = new ArrayList<>();
            BasinReport rep = reports.get(id);
            List<DataIssue> own = r.issues().stream().filter(i -> id.equals(i.basinId())).toList();
            if (rep == null || !rep.usable() || !ds.basinIds().contains(id)) {
                own.stream().filter(i -> i.severity() == DataIssue.Severity.ERROR).forEach(reasons::add);
                if (reasons.isEmpty()) {
                    reasons.add(new DataIssue(DataIssue.Severity.ERROR, null, 0, id, rep == null || rep.reason() == null
                            ? "not loaded" : rep.reason()));
                }
                out.add(new UnusableBasin(id, List.copyOf(reasons)));
                continue;
            }
            int b = ds.basinIndex(id);
            if (needsAttributes) {
                // a broken attribute row (duplicated, non-numeric, truncated) or a table without the basin: its
                // attributes would silently be the training mean. A value written as NA in the data stays a warning
                // (the documented missing-value handling).
                own.stream().filter(i -> i.severity() == DataIssue.Severity.ERROR
                        || i.message().contains("has no row in") || i.message().contains("not in the attribute tables"))
                        .forEach(reasons::add);
            }
            if (reasons.isEmpty() && needsFlow) {
                String flowProblem = flowProblem(ds, b, flowPeriod);
                if (flowProblem != null) {
                    own.stream().filter(i -> i.message().contains("streamflow")).forEach(reasons::add);
                    Path flowFile = rep.files().size() > 1 ? Path.of(rep.files().get(1)) : null;
                    reasons.add(new DataIssue(DataIssue.Severity.ERROR, flowFile, 0, id, flowProblem));
                }
            }
            if (!reasons.isEmpty()) {
                // a reason to refuse the basin is an error, whatever the loader alone thought of it
                out.add(new UnusableBasin(id, reasons.stream().map(i -> i.severity() == DataIssue.Severity.ERROR ? i
                        : new DataIssue(DataIssue.Severity.ERROR, i.file(), i.line(), i.basinId(), i.message()))
                        .toList()));
            }
        }
        return out;
    }

    private static String flowProblem(BasinDataset ds, int b, Period p) {
        if (!ds.has(Variable.QOBS)) {
            return "no observed streamflow: usable for simulation, not for training";
        }
        int from = 0;
        int to = ds.nDays();
        if (p != null) {
            from = Math.max(0, ds.dayIndex(p.start()));
            to = Math.min(ds.nDays(), ds.dayIndex(p.end()));
        }
        float[] q = ds.values(Variable.QOBS);
        int off = ds.offset(b);
        for (int t = from; t < to; t++) {
            if (!Float.isNaN(q[off + t])) {
                return null;
            }
        }
        return p == null ? "no observed streamflow on any day" : "no observed streamflow in the training period " + p;
    }

    /**
     * The message training gives when it refuses to start.
     *
     * @param unusable  the unusable basins
     * @param requested how many basins were requested
     * @param option    how to proceed anyway (e.g. {@code --skip-unusable})
     * @return a multi-line message: one summary sentence, then one line per basin
     */
    public static String refusal(List<UnusableBasin> unusable, int requested, String option) {
        StringBuilder sb = new StringBuilder();
        sb.append(unusable.size()).append(" of ").append(requested).append(" requested basins cannot be used; fix the")
                .append(" data, remove them from the selection, or train on the ").append(requested - unusable.size())
                .append(" usable ones with ").append(option).append(':');
        for (UnusableBasin u : unusable) {
            sb.append("\n  ").append(u.format());
        }
        return sb.toString();
    }
}
