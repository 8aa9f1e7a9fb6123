package org.hydrodelta.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {
    @TempDir
    Path tmp;

    private Map<String, float[]> sample() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("lstm.weight_ih", new float[] {1.5f, -2f, Float.MIN_VALUE, Float.NaN});
        m.put("adadelta.square_avg", new float[] {0f, 3e-9f});
        m.put("empty", new float[0]);
        return m;
    }

    @Test
    void roundTripIsBitExact() throws Exception {
        Path f = tmp.resolve("weights.bin");
        TensorFile.write(f, sample());
        Map<String, float[]> back = TensorFile.read(f);
        assertThat(back.keySet()).containsExactly("lstm.weight_ih", "adadelta.square_avg", "empty");
        for (String k : back.keySet()) {
            float[] a = sample().get(k);
            float[] b = back.get(k);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat(Float.floatToRawIntBits(b[i])).isEqualTo(Float.floatToRawIntBits(a[i]));
            }
        }
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path f = tmp.resolve("weights.bin");
        TensorFile.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 12));
        assertThatThrownBy(() -> TensorFile.read(f)).hasMessageContaining("weights.bin: truncated");
    }

    @Test
    void refusesACorruptedFile() throws Exception {
        Path f = tmp.resolve("weights.bin");
        TensorFile.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        all[40] ^= 0x10;
        Files.write(f, all);
        assertThatThrownBy(() -> TensorFile.read(f)).hasMessageContaining("weights.bin: checksum mismatch");
    }
}
