package org.hydrodelta.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Our .npy files are read back by ND4J's own reader. */
class NpyWriterTest {
    @TempDir
    Path tmp;

    @Test
    void nd4jReadsBackShapeAndValues() throws Exception {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 3;
        }
        data[5] = Float.NaN;
        Path f = tmp.resolve("states.npy");
        NpyWriter.write(f, data, 2, 3, 4);
        byte[] bytes = Files.readAllBytes(f);
        int headerEnd = 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
        assertThat(headerEnd % 64).as("data starts on a 64-byte boundary").isZero();
        assertThat(bytes.length - headerEnd).isEqualTo(4 * data.length);

        INDArray a = Nd4j.createFromNpyFile(f.toFile());
        assertThat(a.shape()).containsExactly(2, 3, 4);
        assertThat(a.getFloat(1, 2, 3)).isEqualTo(data[23]);
        assertThat(a.getFloat(0, 1, 0)).isEqualTo(data[4]);
        assertThat(a.getFloat(0, 1, 1)).isNaN();
    }

    @Test
    void writesOneDimensionalArraysWithATrailingComma() throws Exception {
        Path f = tmp.resolve("q.npy");
        NpyWriter.write(f, new float[] {1, 2, 3}, 3);
        String header = new String(Files.readAllBytes(f), 10, 60, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(header).contains("'shape': (3,)");
        INDArray a = Nd4j.createFromNpyFile(f.toFile());
        assertThat(a.length()).isEqualTo(3);
        assertThat(a.getFloat(2L)).isEqualTo(3f);
    }

    @Test
    void refusesAShapeThatDoesNotMatchTheData() {
        assertThatThrownBy(() -> NpyWriter.write(tmp.resolve("x.npy"), new float[5], 2, 3))
                .hasMessageContaining("shape [2, 3] holds 6 values, data has 5");
        assertThat(tmp.resolve("x.npy")).doesNotExist();
    }
}
