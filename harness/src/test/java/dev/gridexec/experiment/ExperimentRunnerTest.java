package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.wire.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner against a stand-in for the coordinator: what it records, skips, warns about and prints. */
@Timeout(60)
class ExperimentRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration GIL_1 = new Configuration("gil", Mode.GIL, 1, 1);
    private static final Configuration GIL_2 = new Configuration("gil", Mode.GIL, 1, 2);
    private static final Target TWO_NODES = new Target("http://127.0.0.1:9", 2, 4, false);

    private final List<String> progress = new ArrayList<>();
    private final List<String> submitted = new ArrayList<>();

    private static ExperimentSpec spec(String sweep) throws Exception {
        return ExperimentSpecReaderTest.read("{\"name\": \"r\", " + ExperimentSpecReaderTest.TASK + ", " + sweep + "}");
    }

    private static ExperimentContext context(Target target) {
        return ExperimentContext.ofThisJvm(target.coordinator(), target.nodes(), List.of("client", "experiment", "r.json"));
    }

    /** A coordinator stand-in: each job takes {@code 100 × nodes + 10 × workers} ms of wall time, or what {@code answer} says. */
    private JobExecutor jobs(Function<Configuration, RunOutcome> answer) {
        return (configuration, task) -> {
            JsonNode json = read(task);
            submitted.add(json.get("mode").asText() + " " + json.get("nodes").asInt() + "x" + json.get("workers").asInt());
            RunOutcome outcome = answer.apply(configuration);
            return outcome != null ? outcome : new RunOutcome.Completed(100L * configuration.nodes() + 10L * configuration.workers(),
                    200, 3, 8, 0, List.of());
        };
    }

    private static JsonNode read(byte[] task) {
        try {
            return JSON.readTree(task);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExperimentOutcome run(ExperimentSpec spec, JobExecutor jobs, Target target) throws InterruptedException {
        return new ExperimentRunner(spec, jobs, progress::add).run(target, context(target));
    }

    @Test
    void everyRunSubmitsItsConfigurationAndRecordsTheJobsTimingsWithItsPhaseAndRepeat() throws Exception {
        ExperimentSpec spec = spec("\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [1, 2], \"repeats\": 2, \"warmup\": 1");
        ExperimentOutcome outcome = run(spec, jobs(c -> null), TWO_NODES);
        assertThat(outcome.complete()).isTrue();
        assertThat(submitted).containsExactly("gil 1x1", "gil 1x2", "gil 1x2", "gil 1x1", "gil 1x1", "gil 1x2");
        assertThat(outcome.report().samples()).containsExactly(
                new Sample(GIL_1, Sample.Phase.WARMUP, 1, 110, 200, 3, 8, 0),
                new Sample(GIL_2, Sample.Phase.WARMUP, 1, 120, 200, 3, 8, 0),
                new Sample(GIL_2, Sample.Phase.MEASURE, 1, 120, 200, 3, 8, 0),
                new Sample(GIL_1, Sample.Phase.MEASURE, 1, 110, 200, 3, 8, 0),
                new Sample(GIL_1, Sample.Phase.MEASURE, 2, 110, 200, 3, 8, 0),
                new Sample(GIL_2, Sample.Phase.MEASURE, 2, 120, 200, 3, 8, 0));
        assertThat(outcome.report().skipped()).isEmpty();
        assertThat(outcome.report().warnings()).isEmpty();
        assertThat(outcome.report().spec()).isEqualTo(spec.document());
        assertThat(outcome.report().context().coordinator()).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void eachRunPrintsOneProgressLine() throws Exception {
        ExperimentSpec spec = spec("\"runs\": [{\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}],"
                + " \"repeats\": 1, \"warmup\": 1");
        run(spec, jobs(c -> null), TWO_NODES);
        assertThat(progress).containsExactly(
                "[1/4] node-processes [threads] nodes=1 workers=1 repeat 1/1 (warmup): 110 ms",
                "[2/4] node-processes [threads] nodes=2 workers=1 repeat 1/1 (warmup): 210 ms",
                "[3/4] node-processes [threads] nodes=2 workers=1 repeat 1/1 (measure): 210 ms",
                "[4/4] node-processes [threads] nodes=1 workers=1 repeat 1/1 (measure): 110 ms");
    }

    @Test
    void aConfigurationNeedingMoreNodesThanTheClusterHasIsSkippedWithTheReasonAndNeverRun() throws Exception {
        ExperimentSpec spec = spec("\"modes\": [\"threads\"], \"nodes\": [1, 2, 4], \"workers\": [1], \"repeats\": 1, \"warmup\": 0,"
                + " \"local\": false");
        ExperimentOutcome outcome = run(spec, jobs(c -> null), TWO_NODES);
        assertThat(submitted).containsExactly("threads 1x1", "threads 2x1");
        assertThat(outcome.report().skipped()).containsExactly(new ExperimentReport.Skipped(
                new Configuration("threads", Mode.THREADS, 4, 1), "needs 4 nodes, the cluster has 2"));
        assertThat(outcome.complete()).isTrue();
        assertThat(progress).first().asString().startsWith("[1/2] ");
    }

    @Test
    void aConfigurationWhoseRunFailsIsNotRunAgainWhileTheOthersGoOn() throws Exception {
        ExperimentSpec spec = spec("\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [1, 2], \"repeats\": 2, \"warmup\": 1");
        ExperimentOutcome outcome = run(spec, jobs(c -> c.equals(GIL_2) ? new RunOutcome.Failed("job j ended FAILED (timeout: late)")
                : null), TWO_NODES);
        assertThat(submitted).containsExactly("gil 1x1", "gil 1x2", "gil 1x1", "gil 1x1");
        assertThat(outcome.failedRuns()).isEqualTo(1);
        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.report().skipped()).containsExactly(new ExperimentReport.Skipped(GIL_2,
                "FAILED in warmup 1/1: job j ended FAILED (timeout: late)"));
        assertThat(progress).contains("[2/6] gil nodes=1 workers=2 repeat 1/1 (warmup): FAILED: job j ended FAILED (timeout: late)");
    }

    @Test
    void aFailureAfterMeasuredRunsKeepsThemAndIsWarnedAbout() throws Exception {
        ExperimentSpec spec = spec("\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [1], \"repeats\": 3, \"warmup\": 0");
        int[] calls = {0};
        ExperimentOutcome outcome = run(spec, jobs(c -> ++calls[0] == 2 ? new RunOutcome.Failed("lost") : null), TWO_NODES);
        assertThat(outcome.report().samples()).hasSize(1);
        assertThat(outcome.report().skipped()).isEmpty();
        assertThat(outcome.report().warnings()).containsExactly("gil nodes=1 workers=1 FAILED in measure 2/3: lost; its later runs"
                + " were not made");
        assertThat(outcome.failedRuns()).isEqualTo(1);
    }

    @Test
    void theJobsWarningsReachTheReportOncePerConfiguration() throws Exception {
        ExperimentSpec spec = spec("\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [1], \"repeats\": 3, \"warmup\": 0");
        ExperimentOutcome outcome = run(spec, jobs(c -> new RunOutcome.Completed(5, 5, 0, 8, 1,
                List.of("the task asked for 2 nodes but only 1 is there"))), TWO_NODES);
        assertThat(outcome.report().warnings()).containsExactly("gil nodes=1 workers=1: the task asked for 2 nodes but only 1 is there");
        assertThat(outcome.report().samples()).extracting(Sample::retried).containsExactly(1, 1, 1);
    }

    @Test
    void taskFieldsReplacedByTheSweepAndWorkersBeyondTheProcessorsAreWarnedAbout() throws Exception {
        ExperimentSpec spec = ExperimentSpecReaderTest.read("{\"name\": \"w\", \"task\": {\"kernel\": \"primes\", \"params\":"
                + " {\"limit\": 1000}, \"workers\": 4, \"nodes\": 2}, \"modes\": [\"threads\"], \"nodes\": [1, 2], \"workers\": [1, 4],"
                + " \"repeats\": 1, \"warmup\": 0}");
        ExperimentOutcome outcome = run(spec, jobs(c -> null), new Target("local", 2, 4, true));
        assertThat(outcome.report().warnings()).containsExactly(
                "the spec's task sets nodes, workers; each run sets its own, those values were not used",
                "configurations with more than 4 workers in all (up to 8) share this host's 4 processors: their speedup cannot"
                        + " reach their worker count");
    }

    @Test
    void anUnreachableCoordinatorStopsTheSweepAndTheReportSaysSo() throws Exception {
        ExperimentSpec spec = spec("\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [1, 2], \"repeats\": 1, \"warmup\": 0");
        CoordinatorJobs nowhere = new CoordinatorJobs(new CoordinatorClient(CoordinatorClient.parseUrl("http://127.0.0.1:1")));
        ExperimentOutcome outcome = run(spec, nowhere, TWO_NODES);
        assertThat(outcome.stoppedBy()).get().asString().contains("cannot reach the coordinator at http://127.0.0.1:1");
        assertThat(outcome.report().samples()).isEmpty();
        assertThat(outcome.report().skipped()).extracting(ExperimentReport.Skipped::reason)
                .containsExactly("not run: the sweep stopped early", "not run: the sweep stopped early");
        assertThat(outcome.report().warnings()).singleElement().asString().startsWith("the sweep stopped at run 1/2: ");
        assertThat(progress).singleElement().asString().startsWith("[1/2] gil nodes=1 workers=1 repeat 1/1 (measure): stopped: ");
    }
}
