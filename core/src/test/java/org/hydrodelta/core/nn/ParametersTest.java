package org.hydrodelta.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.hydrodelta.core.nn.gemm.Gemm;
import org.hydrodelta.core.nn.gemm.WorkerPool;
import org.junit.jupiter.api.Test;

class ParametersTest {
    @Test
    void snapshotRestoresAnotherNetworkExactlyAndRejectsMismatchesWithoutPartialLoads() {
        try (WorkerPool pool = new WorkerPool(1)) {
            Gemm gemm = new Gemm(pool);
            LstmNetwork a = new LstmNetwork(4, 8, 3, 0.5f, 1L, gemm);
            LstmNetwork b = new LstmNetwork(4, 8, 3, 0.5f, 2L, gemm);
            assertThat(b.parameters().get(2).value()).isNotEqualTo(a.parameters().get(2).value());
            Map<String, float[]> snap = Parameters.snapshot(a.parameters());
            Parameters.load(b.parameters(), snap, "ckpt.bin");
            for (int i = 0; i < a.parameters().size(); i++) {
                assertThat(b.parameters().get(i).value()).containsExactly(a.parameters().get(i).value());
            }

            LstmNetwork c = new LstmNetwork(4, 8, 3, 0.5f, 3L, gemm);
            float[] before = c.parameters().get(0).value().clone();
            Map<String, float[]> wrong = new java.util.LinkedHashMap<>(snap);
            wrong.put("lstm.bias_hh", new float[5]);
            assertThatThrownBy(() -> Parameters.load(c.parameters(), wrong, "ckpt.bin"))
                    .hasMessageContaining("ckpt.bin").hasMessageContaining("lstm.bias_hh");
            assertThat(c.parameters().get(0).value()).as("nothing half loaded").containsExactly(before);
            wrong.remove("lstm.bias_hh");
            assertThatThrownBy(() -> Parameters.load(c.parameters(), wrong, "ckpt.bin"))
                    .hasMessageContaining("missing");
            Map<String, float[]> extra = new java.util.LinkedHashMap<>(snap);
            extra.put("head.weight", new float[1]);
            assertThatThrownBy(() -> Parameters.load(c.parameters(), extra, "ckpt.bin"))
                    .hasMessageContaining("head.weight");
        }
    }
}
