package dev.gridexec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DispatchBenchCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void measuresThroughputAndLatencyOnTheEmbeddedCluster() {
        String[] result = run("bench-dispatch", "--chunks", "2000", "--repeats", "1", "--latency-jobs", "5", "--warmup", "0");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(result[1]).contains("coordinator: embedded http://127.0.0.1:", "(1 node)")
                .containsPattern("throughput: 2,000 spin chunks .* median [\\d,]+ chunks/s")
                .containsPattern("latency: 5 one-chunk jobs, submit to final record over HTTP: p50 \\d+\\.\\d\\d ms");
    }

    @Test
    void rejectsNonsenseOptions() {
        assertThat(run("bench-dispatch", "--chunks", "0")[0]).isEqualTo("2");
    }

    @Test
    void unreachableCoordinatorExitsThree() {
        String[] result = run("bench-dispatch", "--coordinator", "http://127.0.0.1:1", "--latency-jobs", "1");
        assertThat(result[0]).isEqualTo("3");
        assertThat(result[2]).contains("http://127.0.0.1:1");
    }
}
