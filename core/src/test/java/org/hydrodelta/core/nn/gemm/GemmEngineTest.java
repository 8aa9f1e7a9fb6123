package org.hydrodelta.core.nn.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-machine choice of matrix-product engines: the decision from measured rates and its stored record. */
class GemmEngineTest {
    @Test
    void theVectorKernelTakesAClassOnlyWhenItIsFasterByTheMargin() {
        // rates measured on a Zen 5 EPYC (2026-12-05): recurrent 78/150, weight gradient 84/92, deep 84/118
        GemmEngine.Choice zen5 = GemmEngine.decide(new double[] {78, 150, 84, 92, 84, 118}, "t");
        assertThat(zen5.recurrent()).isFalse();
        assertThat(zen5.weightGradient()).as("92 < 1.1 x 84: stays native").isTrue();
        assertThat(zen5.deep()).isFalse();
        GemmEngine.Choice tie = GemmEngine.decide(new double[] {100, 100, 100, 109, 100, 111}, "t");
        assertThat(tie.recurrent()).isTrue();
        assertThat(tie.weightGradient()).isTrue();
        assertThat(tie.deep()).as("just past the margin").isFalse();
        // an engine that could not be timed (NaN) never wins
        GemmEngine.Choice nan = GemmEngine.decide(new double[] {100, Double.NaN, Double.NaN, 100, 1, 2}, "t");
        assertThat(nan.recurrent()).isTrue();
        assertThat(nan.weightGradient()).isTrue();
        assertThat(nan.deep()).isFalse();
    }

    @Test
    void theRecordReadsBackAsTheChoiceItWasWrittenFrom(@TempDir Path dir) throws Exception {
        double[] rates = {78, 150, 84, 92, 84, 118};
        GemmEngine.Choice c = GemmEngine.decide(rates, "measured now");
        Path file = dir.resolve("sub").resolve(GemmEngine.FILE);
        Properties p = new Properties();
        p.setProperty("machine-a", GemmEngine.format(c, rates));
        GemmEngine.write(file, p);
        String stored = GemmEngine.read(file).getProperty("machine-a");
        assertThat(stored).startsWith("vector,native,vector;").contains("recurrent 78.0/150.0");
        GemmEngine.Choice back = GemmEngine.parse(stored, "stored");
        assertThat(back).isEqualTo(new GemmEngine.Choice(false, true, false, "stored"));
        assertThat(back.describe()).isEqualTo("native OpenBLAS for weight gradients; Java Vector API kernel for"
                + " recurrent steps, deep input gradients and the rest (stored)");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(GemmEngine.FILE);
        }
    }

    @Test
    void aDamagedRecordIsMeasuredAgainRatherThanTrusted(@TempDir Path dir) throws Exception {
        assertThat(GemmEngine.parse("vector,native", "t")).isNull();
        assertThat(GemmEngine.parse("vector,fast,native; x", "t")).isNull();
        Path file = dir.resolve(GemmEngine.FILE);
        Files.writeString(file, "key=\\u00zz broken escape\n");
        assertThat(GemmEngine.read(file)).isEmpty();
    }

    @Test
    void theMachineKeyNamesTheProcessorAndTheJvmInOneToken() {
        String key = GemmEngine.machineKey();
        assertThat(key).contains(System.getProperty("os.arch")).contains("java_");
        assertThat(key).matches("[A-Za-z0-9._|-]+");
    }

    @Test
    void theSuiteNeverTimesTheEngines() {
        // surefire runs the tests with hydrodelta.gemm=native: no 8-s measurement, no record in the user's cache
        org.junit.jupiter.api.Assumptions.assumeTrue("native".equals(NativeSgemm.mode()));
        assertThat(GemmEngine.willMeasure()).isFalse();
        assertThat(GemmEngine.choice().engines()).startsWith("native OpenBLAS for recurrent steps");
    }
}
