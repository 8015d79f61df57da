package dev.gridexec.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Sample;
import dev.gridexec.wire.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Experiment reports built from fixed values, for tests that must give the same bytes every time. */
final class Fixtures {

    static final String SPEC = """
            {"name": "talk", "task": {"kernel": "primes", "params": {"limit": 200000}, "chunks": 16},
             "runs": [{"mode": "gil", "nodes": [1], "workers": [1, 2]},
                      {"mode": "slots", "nodes": [1], "workers": [1, 2]},
                      {"mode": "threads", "nodes": [1], "workers": [1, 2]},
                      {"mode": "threads", "nodes": [1, 2, 3], "workers": [1], "label": "node-processes"}],
             "repeats": 3, "warmup": 1, "local": false}
            """;

    static final Configuration GIL_1 = new Configuration("gil", Mode.GIL, 1, 1);
    static final Configuration GIL_2 = new Configuration("gil", Mode.GIL, 1, 2);
    static final Configuration SLOTS_1 = new Configuration("slots", Mode.SLOTS, 1, 1);
    static final Configuration SLOTS_2 = new Configuration("slots", Mode.SLOTS, 1, 2);
    static final Configuration THREADS_1 = new Configuration("threads", Mode.THREADS, 1, 1);
    static final Configuration THREADS_2 = new Configuration("threads", Mode.THREADS, 1, 2);
    static final Configuration PROCESSES_1 = new Configuration("node-processes", Mode.THREADS, 1, 1);
    static final Configuration PROCESSES_2 = new Configuration("node-processes", Mode.THREADS, 2, 1);
    static final Configuration PROCESSES_3 = new Configuration("node-processes", Mode.THREADS, 3, 1);

    private Fixtures() {
    }

    /**
     * Four lines at 1 and 2 workers on a 2-processor client against a 2-node cluster: threads at 2 workers is NOISY,
     * one chunk of node-processes at 2 nodes was retried, and node-processes at 3 nodes was skipped.
     */
    static ExperimentReport talk() {
        List<Sample> samples = new ArrayList<>();
        // compute (see sample): one worker busy all but 4 ms, two each all but 10 ms; gil: one at a time
        run(samples, GIL_1, 0, 0, 1100, 1020, 1000, 1010);
        run(samples, GIL_2, 0, 0, 991, 960, 980, 970);
        run(samples, SLOTS_1, 12, 0, 1100, 1040, 1020, 1030);
        run(samples, SLOTS_2, 12, 0, 560, 530, 540, 520);
        run(samples, THREADS_1, 0, 0, 1000, 980, 990, 985);
        run(samples, THREADS_2, 0, 0, 520, 600, 500, 505);
        run(samples, PROCESSES_1, 0, 0, 1050, 1010, 1000, 1020);
        run(samples, PROCESSES_2, 0, 2, 560, 520, 515, 525);
        return new ExperimentReport(context("http://127.0.0.1:8080", 2), json(SPEC), samples,
                List.of(new ExperimentReport.Skipped(PROCESSES_3, "needs 3 nodes, the cluster has 2")),
                List.of("the cluster at http://127.0.0.1:8080 has 2 nodes: each run used the first 1 or 2 of them"));
    }

    /** A report of measured repeats only, from (configuration, wall times) pairs, on a local 2-processor host. */
    static ExperimentReport measured(Object... configurationsAndWallMs) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < configurationsAndWallMs.length; i += 2) {
            Configuration c = (Configuration) configurationsAndWallMs[i];
            long[] wallMs = (long[]) configurationsAndWallMs[i + 1];
            for (int r = 0; r < wallMs.length; r++) {
                samples.add(new Sample(c, Sample.Phase.MEASURE, r + 1, wallMs[r], wallMs[r] * c.totalWorkers(), 0,
                        16, 0));
            }
        }
        return new ExperimentReport(context("local", 2), json("{\"name\": \"unit\"}"), samples, List.of(), List.of());
    }

    static long[] ms(long... wallMs) {
        return wallMs;
    }

    static ExperimentContext context(String coordinator, int nodes) {
        return new ExperimentContext("0.1.0-test", "OpenJDK 64-Bit Server VM 17.0.15+6", "Linux 6.1.0 amd64", 2,
                "2025-01-02T03:04:05Z", coordinator, nodes,
                List.of("gridexec", "client", "experiment", "talk.json", "--coordinator", coordinator));
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code format}'s reporter writes for {@code report}. */
    static String write(ReportFormat format, ExperimentReport report) {
        StringWriter out = new StringWriter();
        try {
            format.reporter().write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One warm-up, then the measured repeats; the retried chunks go to the second measured repeat. */
    private static void run(List<Sample> samples, Configuration c, long startupMs, int retried, long warmupMs,
                            long... measuredMs) {
        samples.add(sample(c, Sample.Phase.WARMUP, 1, warmupMs, startupMs, 0));
        for (int r = 0; r < measuredMs.length; r++) {
            samples.add(sample(c, Sample.Phase.MEASURE, r + 1, measuredMs[r], startupMs, r == 1 ? retried : 0));
        }
    }

    private static Sample sample(Configuration c, Sample.Phase phase, int repeat, long wallMs, long startupMs,
                                 int retried) {
        long computeMs = c.mode() == Mode.GIL ? wallMs - 10 : c.totalWorkers() == 1 ? wallMs - 4
                : c.totalWorkers() * wallMs - 20;
        return new Sample(c, phase, repeat, wallMs, computeMs, startupMs, 16, retried);
    }
}
