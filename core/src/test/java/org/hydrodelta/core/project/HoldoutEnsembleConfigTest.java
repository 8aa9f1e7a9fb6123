package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holdout and ensemble keys of an experiment, and run groups, in the project file. */
class HoldoutEnsembleConfigTest {
    @TempDir
    Path tmp;

    private static ExperimentConfig with(ExperimentConfig.Holdout h) {
        return ExperimentDefaults.paper().withHoldout(h);
    }

    @Test
    void defaultsAreTemporalAndSingleAndStayOutOfTheFile() throws Exception {
        ExperimentConfig c = ExperimentDefaults.paper();
        assertThat(c.holdout().spatial()).isFalse();
        assertThat(c.ensemble().members()).isEqualTo(1);
        Project p = new Project("p");
        p.experiments().add(new Experiment("e", c));
        ProjectStore.save(p, tmp.resolve("p.hdproj"));
        String json = Files.readString(tmp.resolve("p.hdproj"));
        assertThat(json).doesNotContain("holdout").doesNotContain("ensemble");
    }

    @Test
    void pubFoldsDefaultToTenAndRoundTrip() throws Exception {
        ExperimentConfig c = with(new ExperimentConfig.Holdout("pub", null, 7L, null, null, null, null))
                .withEnsemble(new ExperimentConfig.Ensemble(3));
        assertThat(c.holdout().folds()).isEqualTo(10);
        assertThat(c.validate()).isEmpty();
        Project p = new Project("p");
        p.experiments().add(new Experiment("e", c));
        ProjectStore.save(p, tmp.resolve("p.hdproj"));
        ExperimentConfig back = ProjectStore.load(tmp.resolve("p.hdproj")).experiment("e").orElseThrow().config();
        assertThat(back).isEqualTo(c);
    }

    @Test
    void explainsEachHoldoutProblemByKey() {
        assertThat(with(new ExperimentConfig.Holdout("lasso", null, null, null, null, null, null)).validate())
                .anySatisfy(m -> assertThat(m).startsWith("holdout.type must be one of [temporal, pub, pur, custom]"));
        assertThat(with(new ExperimentConfig.Holdout("pur", null, null, null, null, null, null)).validate())
                .anySatisfy(m -> assertThat(m).contains("holdout.regionAttribute"));
        assertThat(with(new ExperimentConfig.Holdout("pur", null, null, null, "HUC", null, null)).validate())
                .anySatisfy(m -> assertThat(m).contains("holdout.regionField"));
        assertThat(with(new ExperimentConfig.Holdout("custom", null, null, null, null, null, List.of())).validate())
                .anySatisfy(m -> assertThat(m).contains("holdout.testBasins"));
        assertThat(with(new ExperimentConfig.Holdout("pub", 1, null, null, null, null, null)).validate())
                .anySatisfy(m -> assertThat(m).isEqualTo("holdout.folds must be in [2, 1000], was 1"));
        assertThat(with(new ExperimentConfig.Holdout("custom", 3, null, null, null, null, List.of("a"))).validate())
                .anySatisfy(m -> assertThat(m).contains("holdout.folds is used only by holdout.type 'pub'"));
        assertThat(ExperimentDefaults.paper().withEnsemble(new ExperimentConfig.Ensemble(0)).validate())
                .containsExactly("ensemble.members must be in [1, 100], was 0");
    }

    @Test
    void anUnknownHoldoutKeyIsRefusedByName() throws Exception {
        Path f = tmp.resolve("bad.hdproj");
        Files.writeString(f, "{\"formatVersion\":1,\"name\":\"x\",\"experiments\":[{\"name\":\"e\",\"config\":"
                + "{\"holdout\":{\"type\":\"pub\",\"fold\":3}}}]}");
        assertThatThrownBy(() -> ProjectStore.load(f)).hasMessageContaining("fold");
    }

    @Test
    void runGroupsRoundTripAndSurviveAStatusChange() throws Exception {
        Project p = new Project("p");
        RunRef r = new RunRef("pub-f2", "e", tmp.resolve("runs/pub-f2"), Instant.parse("2026-01-01T00:00:00Z"),
                RunRef.RUNNING, null).inGroup("pub-2026", "fold 2/3");
        p.runs().add(r.withStatus(RunRef.FINISHED, null));
        ProjectStore.save(p, tmp.resolve("p.hdproj"));
        RunRef back = ProjectStore.load(tmp.resolve("p.hdproj")).run("pub-f2").orElseThrow();
        assertThat(back.group()).isEqualTo("pub-2026");
        assertThat(back.member()).isEqualTo("fold 2/3");
        assertThat(back.status()).isEqualTo(RunRef.FINISHED);
    }
}
