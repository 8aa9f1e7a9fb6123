package org.hydrodelta.core.integrity;

import java.nio.file.Path;
import java.time.Instant;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.hydrodelta.core.project.Project;
import org.hydrodelta.core.project.ProjectStore;
import org.hydrodelta.core.project.RunRef;
import org.hydrodelta.core.train.ExperimentRunner;
import org.hydrodelta.core.train.RunRecorder;
import org.hydrodelta.core.train.TrainingListener;

/**
 * A separate process for the integrity tests, killed with kill -9 at random moments: {@code update FILE PREFIX N}
 * records N runs into a project one save at a time (N = 0: forever); {@code train FILE EXPERIMENT} trains as
 * {@code hydrodelta train} does (the run recorded when it starts and when it ends).
 */
public final class Child {
    private Child() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        if (args[1].equals("update")) {
            String prefix = args[2];
            int n = Integer.parseInt(args[3]);
            for (int i = 0; n == 0 || i < n; i++) {
                String name = prefix + "-" + i;
                ProjectStore.update(file, p -> p.putRun(new RunRef(name, "e", file.getParent().resolve("runs")
                        .resolve(name), Instant.now())));
            }
            return;
        }
        String experiment = args[2];
        Project p = ProjectStore.load(file);
        RunRecorder recorder = new RunRecorder(file, experiment);
        ExperimentRunner.train(p, file.getParent(), experiment, p.experiment(experiment).orElseThrow().config(),
                false, ProgressListener.NONE, CancellationToken.NONE, new TrainingListener() {
                    @Override
                    public void runStarted(Path runDir) {
                        try {
                            recorder.started(runDir);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
        recorder.ended(RunRef.FINISHED, null);
    }
}
