package org.hydrodelta.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Opens the Spark context the cluster commands run on. Two things Spark does not do by itself:
 * <ul>
 * <li>an unreachable standalone master ({@code spark://host:port}) is reported within a timeout, naming the URL,
 * instead of Spark's minute of silent registration retries;</li>
 * <li>embedded masters ({@code local[N]}, {@code local[*]}) retry a failed task as a cluster does
 * ({@code local[N,4]}: Spark's {@code local[N]} gives a task a single attempt, a cluster four).</li>
 * </ul>
 */
public final class ClusterContext {
    /** Default master: embedded Spark on every core of this machine. */
    public static final String DEFAULT_MASTER = "local[*]";
    /** Task attempts on a local master, as {@code spark.task.maxFailures} gives on a cluster. */
    public static final int LOCAL_TASK_ATTEMPTS = 4;
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)]");

    private ClusterContext() {
    }

    /**
     * @param master a master URL
     * @return the master Spark is given: {@code local[N]} becomes {@code local[N,4]}, others are unchanged
     */
    public static String effectiveMaster(String master) {
        Matcher m = LOCAL.matcher(master.strip());
        if (master.strip().equals("local")) {
            return "local[1," + LOCAL_TASK_ATTEMPTS + "]";
        }
        return m.matches() ? "local[" + m.group(1) + "," + LOCAL_TASK_ATTEMPTS + "]" : master.strip();
    }

    /**
     * Checks that every {@code host:port} of a standalone master URL ({@code spark://h1:7077,h2:7077}) accepts a
     * connection.
     *
     * @param master    the master URL
     * @param timeoutMs connect timeout per host
     * @throws IllegalStateException naming the URL and the reason when none can be reached
     */
    public static void checkReachable(String master, int timeoutMs) {
        if (!master.startsWith("spark://")) {
            return; // local masters need nothing; yarn and k8s are reached through their own clients
        }
        String reasons = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI u = URI.create("spark://" + hostPort.strip());
            if (u.getHost() == null) {
                throw new IllegalArgumentException("--master " + master + ": '" + hostPort
                        + "' is not host:port (a standalone master is spark://HOST:PORT)");
            }
            int port = u.getPort() < 0 ? 7077 : u.getPort();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), port), timeoutMs);
                return;
            } catch (IOException e) {
                reasons += (reasons.isEmpty() ? "" : "; ") + u.getHost() + ":" + port + ": " + e.getMessage();
            }
        }
        throw new IllegalStateException("cannot reach the Spark master " + master + " within " + timeoutMs
                + " ms (" + reasons + "); is the master running, and is the URL the one its web page shows?");
    }

    /**
     * Opens a Spark context, or joins the one {@code spark-submit} configured.
     *
     * @param master    master URL; {@code null} keeps what spark-submit set ({@code spark.master}), else
     *                  {@link #DEFAULT_MASTER}
     * @param appName   application name
     * @param timeoutMs connect timeout for a standalone master
     * @return the context (close it when done)
     */
    public static JavaSparkContext open(String master, String appName, int timeoutMs) {
        SparkConf conf = new SparkConf().setAppName(appName);
        String m = master != null ? master : conf.get("spark.master", DEFAULT_MASTER);
        checkReachable(m, timeoutMs);
        conf.setMaster(effectiveMaster(m));
        conf.setIfMissing("spark.ui.enabled", "false");
        // executors run OpenBLAS single-threaded inside HydroDelta's workers, as the launchers do: its own thread pool
        // otherwise takes their cores after native products
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        conf.setIfMissing("spark.task.maxFailures", Integer.toString(LOCAL_TASK_ATTEMPTS));
        return JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
    }
}
