package org.hydrodelta.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hydrodelta.core.data.csv.CsvHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures read as what went wrong, not as the JDK's bare path. */
class IoErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFileSaysSoOnceWithItsPath() {
        Path missing = tmp.resolve("attributes.csv");
        assertThatThrownBy(() -> CsvHead.read(missing, null, 5)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read " + missing + ": no such file or folder");
    }

    @Test
    void reasonsNameTheKindOfFailure() throws IOException {
        Path file = Files.writeString(tmp.resolve("a.txt"), "x");
        IOException notFolder = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Files.list(file).close());
        assertThat(IoErrors.reason(notFolder)).isEqualTo("not a folder");
        assertThat(IoErrors.describe(notFolder)).isEqualTo("not a folder (" + file + ")");
        IOException exists = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Files.createFile(file));
        assertThat(IoErrors.reason(exists)).isEqualTo("it already exists");
        assertThat(IoErrors.reason(new IOException("No space left on device"))).isEqualTo("No space left on device");
        assertThat(IoErrors.reason(new java.nio.file.FileSystemException("f", null, "No space left on device")))
                .isEqualTo("No space left on device");
    }
}
