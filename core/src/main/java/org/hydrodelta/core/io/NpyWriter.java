package org.hydrodelta.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes float32 arrays in NumPy's {@code .npy} format (version 1.0, little-endian {@code <f4}, C order).
 *
 * <p>Why not ND4J, as the design first said: ND4J would bring ~120 MB of native libraries into the
 * distribution only to write a 64-byte header and raw floats. The format is tiny and stable; the tests read
 * our files back with ND4J's own {@code .npy} reader, so ND4J still checks the output.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    /**
     * Writes an array atomically (temporary file, then rename).
     *
     * @param file  target file, usually ending in {@code .npy}
     * @param data  values in C order
     * @param shape dimensions; their product must equal {@code data.length}
     * @throws IOException if writing fails
     */
    public static void write(Path file, float[] data, int... shape) throws IOException {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, data has " + data.length);
        }
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                + "), }";
        // magic (6) + version (2) + header length (2) + dict + padding + '\n', total a multiple of 64
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        StringBuilder header = new StringBuilder(dict);
        header.append(" ".repeat(padded - unpadded)).append('\n');

        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int len = header.length();
            out.write(len & 0xff);
            out.write((len >> 8) & 0xff);
            out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
            out.write(buf.array(), 0, buf.position());
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
