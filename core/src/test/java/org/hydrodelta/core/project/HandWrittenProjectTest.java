package org.hydrodelta.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project written by hand with only the required keys: no created or modified, a period with a warm-up start. */
class HandWrittenProjectTest {
    @TempDir
    Path tmp;

    @Test
    void loadsAndSavesWithoutTimestamps() throws Exception {
        Path file = tmp.resolve("hand.hdproj");
        Files.writeString(file, """
                {"formatVersion": 1, "name": "hand",
                 "experiments": [{"name": "std", "config": {
                   "trainPeriod": {"start": "1999-10-01", "end": "2008-09-30"},
                   "validationPeriod": {"start": "1981-10-01", "end": "1989-09-30", "warmupStart": "1981-01-01"},
                   "testPeriod": {"start": "1989-10-01", "end": "1999-09-30"}}}]}
                """);
        Project p = ProjectStore.load(file);
        assertThat(p.created()).isNotNull();
        assertThat(p.modified()).isEqualTo(p.created());
        ExperimentConfig c = p.experiment("std").orElseThrow().config();
        assertThat(c.validationPeriod().warmupStart()).isEqualTo(LocalDate.of(1981, 1, 1));
        ProjectStore.save(p, file);
        String saved = Files.readString(file);
        assertThat(saved).contains("\"created\"", "\"warmupStart\" : \"1981-01-01\"");
        assertThat(ProjectStore.load(file).experiment("std").orElseThrow().config()).isEqualTo(c);
    }

    @Test
    void aWarmupStartAfterThePeriodStartOrOnTheTrainingPeriodIsRefusedByKey() throws Exception {
        Path file = tmp.resolve("bad.hdproj");
        Files.writeString(file, """
                {"formatVersion": 1, "name": "bad", "experiments": [{"name": "x", "config": {
                   "trainPeriod": {"start": "1999-10-01", "end": "2008-09-30", "warmupStart": "1999-01-01"}}}]}
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectStore.load(file))
                .hasMessageContaining("trainPeriod.warmupStart is not used");
        Files.writeString(file, """
                {"formatVersion": 1, "name": "bad", "experiments": [{"name": "x", "config": {
                   "testPeriod": {"start": "1999-10-01", "end": "2008-09-30", "warmupStart": "2000-01-01"}}}]}
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectStore.load(file))
                .hasMessageContaining("warm-up start 2000-01-01 is after the period's start 1999-10-01");
    }
}
