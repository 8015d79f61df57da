package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.cli.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DispatchBenchCommandTest {

    private static Run run(String... args) {
        return Cli.inThisProcessEnvironment(args);
    }

    @Test
    void measuresThroughputAndLatencyOnTheEmbeddedCluster() {
        Run result = run("bench-dispatch", "--chunks", "2000", "--repeats", "1", "--latency-jobs", "5", "--warmup", "0");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("coordinator: embedded http://127.0.0.1:", "(1 node)")
                .containsPattern("throughput: 2,000 spin chunks .* median [\\d,]+ chunks/s")
                .containsPattern("latency: 5 one-chunk jobs, submit to final record over HTTP: p50 \\d+\\.\\d\\d ms");
    }

    @Test
    void rejectsNonsenseOptions() {
        assertThat(run("bench-dispatch", "--chunks", "0").exit()).isEqualTo(2);
    }

    @Test
    void unreachableCoordinatorExitsThree() {
        Run result = run("bench-dispatch", "--coordinator", "http://127.0.0.1:1", "--latency-jobs", "1");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("http://127.0.0.1:1");
    }
}
