package org.hydrodelta.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class ProgressChainTest {
    @Test
    void eachStepMovesItsShareOfOneBarAndSaysWhichStepRuns() {
        List<String> seen = new ArrayList<>();
        ProgressChain chain = new ProgressChain((done, total, msg) -> seen.add(done + "/" + total + " " + msg));
        ProgressListener train = chain.step(0, 0.85, "");
        train.progress(20, 40, "epoch 1/2, iteration 20/20");
        train.progress(40, 40, "epoch 2/2, iteration 20/20");
        ProgressListener eval = chain.evaluation(0.85, 0.9);
        eval.progress(1, 2, "simulated 1 of 2 basins");
        eval.progress(1, 4, "attribute sensitivity of 1 of 4 rows");
        eval.progress(4, 4, "attribute sensitivity of 4 of 4 rows");
        eval.progress(-1, -1, "");
        assertThat(seen).containsExactly(
                "4250/10000 epoch 1/2, iteration 20/20",
                "8500/10000 epoch 2/2, iteration 20/20",
                "8750/10000 Evaluating the test period: simulated 1 of 2 basins",
                "9250/10000 Attribute sensitivities: attribute sensitivity of 1 of 4 rows",
                "10000/10000 Attribute sensitivities: attribute sensitivity of 4 of 4 rows",
                "8500/10000 Evaluating the test period");
    }
}
