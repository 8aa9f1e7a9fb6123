package org.hydrodelta.core.project;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a training process holds on its run folder ({@code run.lock}, holding {@code pid@host}) while it
 * trains. The operating system releases it when the process dies, however it dies (kill -9, power loss), so a run
 * recorded as {@code running} whose lock can be taken is stale: its process is gone and the run is
 * {@code interrupted}.
 */
public final class RunLock implements AutoCloseable {
    /** File name of the lock inside a run folder. */
    public static final String FILE_NAME = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a run folder for this process.
     *
     * @param runDir the run folder
     * @return the held lock; close it when training ends
     * @throws IOException if the lock is held by another live process or cannot be written
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IOException(runDir + ": the run is being trained by another process ("
                    + holder(runDir) + "); wait for it or stop it first");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((pid() + "@" + host() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(ch, l);
    }

    /**
     * Whether a run recorded as running has lost its process: its lock file is missing or can be taken.
     *
     * @param runDir the run folder
     * @return true when no live process trains it
     */
    public static boolean isStale(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return true; // never locked (its process died before training) or written by an older version
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very process
        } catch (IOException e) {
            return false; // cannot tell: do not call a live run dead
        }
    }

    /**
     * @param runDir a run folder
     * @return the {@code pid@host} written in its lock, or "unknown process"
     */
    public static String holder(Path runDir) {
        try {
            return Files.readString(runDir.resolve(FILE_NAME), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown process";
        }
    }

    private static String pid() {
        try {
            return Long.toString(ProcessHandle.current().pid());
        } catch (UnsupportedOperationException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
