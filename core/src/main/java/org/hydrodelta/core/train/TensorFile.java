package org.hydrodelta.core.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A checkpoint file of named float32 tensors (weights, optimiser accumulators): magic {@code HDTENSOR},
 * version, count, then per tensor its name, length and values, and a CRC-32 of everything before it. Written
 * atomically; a truncated or corrupted file is refused with the file name rather than loaded half.
 */
public final class TensorFile {
    private static final long MAGIC = 0x4844_5445_4E53_4F52L; // "HDTENSOR"
    private static final int VERSION = 1;

    private TensorFile() {
    }

    /**
     * @param file    target file
     * @param tensors tensors by name, in the order to write
     * @throws IOException if writing fails (the previous file, if any, is left untouched)
     */
    public static void write(Path file, Map<String, float[]> tensors) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new java.util.zip.CheckedOutputStream(Files.newOutputStream(tmp), crc), 1 << 16))) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(tensors.size());
            for (Map.Entry<String, float[]> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
            out.flush();
            // the CRC covers everything above; written raw so it does not include itself
            long value = crc.getValue();
            out.writeLong(value);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @param file a file written by {@link #write}
     * @return tensors by name, in file order
     * @throws IOException if the file is missing, truncated, corrupted or of another format
     */
    public static Map<String, float[]> read(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            DataInputStream checked = new DataInputStream(new java.util.zip.CheckedInputStream(in, crc));
            if (checked.readLong() != MAGIC) {
                throw new IOException(file + ": not a HydroDelta tensor file");
            }
            int version = checked.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": tensor file version " + version + " not supported");
            }
            int count = checked.readInt();
            Map<String, float[]> tensors = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                String name = checked.readUTF();
                int n = checked.readInt();
                if (n < 0) {
                    throw new IOException(file + ": tensor " + name + " has negative length");
                }
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = checked.readFloat();
                }
                tensors.put(name, v);
            }
            long expected = crc.getValue();
            if (in.readLong() != expected) {
                throw new IOException(file + ": checksum mismatch (file corrupted)");
            }
            return tensors;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }
}
