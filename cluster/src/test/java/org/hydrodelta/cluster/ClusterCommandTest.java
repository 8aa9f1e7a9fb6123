package org.hydrodelta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hydrodelta.cluster.cli.ClusterCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's failures that need no Spark context: they must name what is wrong. */
class ClusterCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = ClusterCommand.execute(args);
        } finally {
            System.setErr(err);
        }
        return new String[] {Integer.toString(rc), buf.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void anUnreachableMasterIsNamedWithinTheTimeout() throws Exception {
        Path file = SampleProjects.project(tmp, "cli");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "spark://127.0.0.1:" + port;
        String[] r = run("train", file.toString(), "--experiment", "tiny", "--master", url, "--connect-timeout", "2");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("ERROR cannot reach the Spark master " + url + " within 2000 ms");
    }

    @Test
    void anUnknownExperimentIsNamedWithTheOnesThereAre() throws Exception {
        Path file = SampleProjects.project(tmp, "cli2");
        String[] r = run("sweep", file.toString(), "--experiment", "nope", "training.seed=1,2");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("no experiment 'nope'").contains("[tiny]");
    }

    @Test
    void localMastersRetryFailedTasksAsAClusterDoes() {
        assertThat(ClusterContext.effectiveMaster("local[2]")).isEqualTo("local[2,4]");
        assertThat(ClusterContext.effectiveMaster("local[*]")).isEqualTo("local[*,4]");
        assertThat(ClusterContext.effectiveMaster("local")).isEqualTo("local[1,4]");
        assertThat(ClusterContext.effectiveMaster("spark://h:7077")).isEqualTo("spark://h:7077");
    }
}
