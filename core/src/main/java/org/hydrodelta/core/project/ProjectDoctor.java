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
        DoctorReport inner = new DataDoctor().inspect(d.path(), o);
        return new DoctorReport(path, inner.layout() + " (dataset '" + d.name() + "' of the project)",
                inner.basins(), inner.issues());
    }
}
