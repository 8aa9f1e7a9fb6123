package org.hydrodelta.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hydrodelta.core.data.Period;
import org.hydrodelta.core.project.DatasetRef;
import org.hydrodelta.core.project.Experiment;
import org.hydrodelta.core.project.ExperimentConfig;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;

/** Test projects over the real 19-basin CAMELS sample. */
final class SampleProjects {
    /** The 19 sample basins, one per HUC-02 region plus 01022500. */
    static final List<String> BASINS = List.of("01013500", "01022500", "01333000", "02046000", "03010655", "03439000",
            "04015330", "05057200", "05291000", "06221400", "07057500", "07291000", "08023080", "08267500",
            "09035900", "09386900", "10234500", "10259000", "12010000");

    private SampleProjects() {
    }

    static Path repoRoot() {
        String r = System.getProperty("hydrodelta.repo.root");
        Path p = r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("sample-projects"))) {
            p = Path.of("").toAbsolutePath().getParent();
        }
        return p;
    }

    /** A tiny δ model on all 19 basins: hidden 8, batch 8, 3 iterations per epoch, 2 epochs, short windows. */
    static ExperimentConfig tinyDelta() {
        return new ExperimentConfig("delta-hbv", "camels-nldas", BASINS, Period.inclusive(LocalDate.of(2003, 10, 1),
                LocalDate.of(2006, 9, 30)), null, Period.inclusive(LocalDate.of(2007, 10, 1),
                LocalDate.of(2008, 9, 30)), 90, 120, null, null, new ExperimentConfig.Hbv(2, List.of("BETA"), true,
                true), new ExperimentConfig.Network("lstm", 8, 0.5), new ExperimentConfig.Training(null, null,
                "adadelta", null, 2, 8, 3, 11L, 1, null));
    }

    /**
     * @param dir  folder for the project
     * @param name project name
     * @return a project file whose dataset is the sample's CAMELS data and whose experiment "tiny" is
     *         {@link #tinyDelta()}
     */
    static Path project(Path dir, String name) throws Exception {
        Project p = new Project(name);
        p.datasets().add(new DatasetRef("camels-nldas", "camels-us", repoRoot().resolve(
                "sample-projects/camels-regions/data/camels-us"), "nldas", Map.of()));
        p.basins().addAll(BASINS);
        p.experiments().add(new Experiment("tiny", tinyDelta()));
        Path file = dir.resolve(name).resolve(name + ".hdproj");
        ProjectStore.save(p, file);
        return file;
    }
}
