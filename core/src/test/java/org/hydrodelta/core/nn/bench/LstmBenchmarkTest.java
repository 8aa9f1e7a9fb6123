package org.hydrodelta.core.nn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a tiny shape and reports its figures (speed itself is not asserted). */
class LstmBenchmarkTest {
    @Test
    void reportsThroughputAndMemoryOnATinyShape() {
        LstmBenchmark.Options o = new LstmBenchmark.Options();
        o.batch = 3;
        o.steps = 5;
        o.hidden = 8;
        o.outputs = 4;
        o.threads = 2;
        o.warmup = 0;
        o.iterations = 1;
        o.gemmShapes = false;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        double gflops = LstmBenchmark.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        assertThat(gflops).isPositive();
        assertThat(report).contains("batch 3 x 5 steps", "GFLOP/s sustained", "memory: network buffers");
    }
}
