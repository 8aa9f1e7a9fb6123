package org.hydrodelta.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.doctor.DataDoctor;
import org.hydrodelta.core.data.doctor.DoctorReport;

/**
 * The data doctor for anything a user points at: a project file ({@code *.hdproj}) is followed to its first
 * dataset with the project's basin selection and the dataset's product; everything else goes to
 * {@link DataDoctor} as it is. (The data layer knows no project files; this class bridges the two.)
 */
public final class ProjectDoctor {
    private ProjectDoctor() {
    }

    /** Lines of the last project inspected on this thread, see {@link #lastAuxiliary()}. */
    private static final ThreadLocal<java.util.List<String>> LAST = ThreadLocal.withInitial(java.util.List::of);

    private static void setLast(java.util.List<String> lines) {
        LAST.set(lines);
    }

    /**
     * @return for the project last inspected by {@link #inspect} on this thread, one line per auxiliary observation
     *         its dataset declares and basin (issue 18): source, unit, days observed and their first and last day,
     *         or why there are none; empty for anything but a project with observations
     */
    public static java.util.List<String> lastAuxiliary() {
        return LAST.get();
    }

    /**
     * @param d a project's dataset
     * @param o load options (basins)
     * @return one line per declared observation and basin
     */
    static java.util.List<String> auxiliary(DatasetRef d, LoadOptions o) {
        java.util.List<org.hydrodelta.core.data.auxiliary.ObservationSpec> specs =
                org.hydrodelta.core.data.auxiliary.ObservationSpec.fromOptions(d.options());
        if (specs.isEmpty()) {
            return java.util.List.of();
        }
        org.hydrodelta.core.data.DatasetType type = org.hydrodelta.core.data.DatasetTypes.find(d.type()).orElseThrow(
                () -> new DataFormatException(d.path(), "unknown dataset type '" + d.type() + "'"));
        org.hydrodelta.core.data.BasinDataset ds = type.load(d.path(), o,
                org.hydrodelta.core.progress.ProgressListener.NONE,
                org.hydrodelta.core.progress.CancellationToken.NONE).dataset();
        org.hydrodelta.core.data.auxiliary.AuxiliaryObservations obs = org.hydrodelta.core.data.auxiliary.AuxiliaryObservations
                .load(specs, d.type(), d.path(), d.forcing(), ds);
        java.util.List<String> out = new java.util.ArrayList<>();
        obs.series().forEach((name, s) -> {
            String head = name + " (" + s.spec().source() + (s.spec().column() == null ? "" : " " + s.spec().column())
                    + ", " + s.spec().standardUnit() + ", " + s.spec().kind() + ")";
            for (int b = 0; b < ds.nBasins(); b++) {
                String id = ds.basinIds().get(b);
                int first = -1;
                int last = -1;
                int n = 0;
                for (int t = 0; t < ds.nDays(); t++) {
                    if (!Float.isNaN(s.values()[ds.offset(b) + t])) {
                        first = first < 0 ? t : first;
                        last = t;
                        n++;
                    }
                }
                out.add(head + "  " + id + "  " + (n == 0 ? "no values: " + s.missing().getOrDefault(id, "all NaN")
                        : String.format(java.util.Locale.ROOT, "%d days (%.1f%% of %s..%s)", n,
                                100.0 * n / (last - first + 1), ds.date(first), ds.date(last))));
            }
        });
        return out;
    }

    /**
     * @param path    a project file, a data folder or a CSV mapping file
     * @param options load options (product, basins, period); PET as the project's dataset chooses it
     * @return the report
     * @throws DataFormatException when the path holds no recognisable data
     */
    public static DoctorReport inspect(Path path, LoadOptions options) {
        return inspect(path, options, null);
    }

    /**
     * @param path    a project file, a data folder or a CSV mapping file
     * @param options load options (product, basins, period)
     * @param pet     where PET comes from, overriding the project's dataset option (e.g. {@code column} to see
     *                the file's own PET where the project computes it); null: the project's choice
     * @return the report
     * @throws DataFormatException when the path holds no recognisable data
     */
    public static DoctorReport inspect(Path path, LoadOptions options,
            org.hydrodelta.core.data.pet.PetChoice pet) {
        if (pet != null) {
            options = options.withPet(pet);
        }
        setLast(java.util.List.of());
        if (!(Files.isRegularFile(path) && path.getFileName().toString().endsWith(ProjectStore.EXTENSION))) {
            return new DataDoctor().inspect(path, options);
        }
        Project project;
        try {
            project = ProjectStore.load(path);
        } catch (ProjectException e) {
            throw new DataFormatException(path, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        DatasetRef d = project.datasets().stream().findFirst().orElseThrow(() -> new DataFormatException(path,
                "the project lists no dataset"));
        LoadOptions o = new LoadOptions(options.product() != null ? options.product() : d.forcing(),
                options.basinIds() != null ? options.basinIds() : project.basins().isEmpty() ? null
                        : project.basins(), options.period(), options.attributeNames(), options.pet(),
                options.threads(), options.petOverride());
        if (pet == null && !options.petOverride() && options.pet() == null) {
            try {
                o = o.withPet(org.hydrodelta.core.data.pet.PetChoice.parse(d.options().get(
                        org.hydrodelta.core.data.pet.PetChoice.KEY)));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(path, "dataset '" + d.name() + "': " + e.getMessage());
            }
        }
        d.checkAvailable();
        DoctorReport inner = new DataDoctor().inspect(d.path(), o);
        setLast(auxiliary(d, o));
        return new DoctorReport(path, inner.layout() + " (dataset '" + d.name() + "' of the project)",
                inner.basins(), inner.issues());
    }
}
