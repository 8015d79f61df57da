package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.embedded.EmbeddedCluster;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.wire.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@code local: false} experiment against a running one-node cluster (the embedded one, in this JVM, on loopback). */
@Timeout(90)
class RemoteExperimentTest {

    @Test
    void configurationsNeedingMoreNodesThanTheClusterHasAreSkippedWithAWarningWhileTheOthersRunForReal() throws Exception {
        ExperimentSpec spec = ExperimentSpecReaderTest.read("{\"name\": \"remote\", " + ExperimentSpecReaderTest.QUICK_TASK
                + ", \"modes\": [\"threads\", \"slots\"], \"nodes\": [1, 2], \"workers\": [1], \"repeats\": 1, \"warmup\": 1, \"local\": false}");
        List<String> progress = new ArrayList<>();
        ExperimentOutcome outcome;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(KernelCatalog.builtIn())) {
            CoordinatorClient client = new CoordinatorClient(CoordinatorClient.parseUrl(cluster.url()));
            int nodes = client.nodes().size();
            Target target = new Target(cluster.url(), nodes, client.nodes().get(0).processors(), false);
            outcome = new ExperimentRunner(spec, new CoordinatorJobs(client), progress::add)
                    .run(target, ExperimentContext.ofThisJvm(cluster.url(), nodes, List.of("client", "experiment")));
        }
        assertThat(outcome.complete()).as(String.join("\n", progress)).isTrue();
        assertThat(outcome.report().skipped()).containsExactly(
                new ExperimentReport.Skipped(new Configuration("threads", Mode.THREADS, 2, 1), "needs 2 nodes, the cluster has 1"),
                new ExperimentReport.Skipped(new Configuration("slots", Mode.SLOTS, 2, 1), "needs 2 nodes, the cluster has 1"));
        assertThat(outcome.report().samples()).hasSize(4).allSatisfy(sample -> {
            assertThat(sample.configuration().nodes()).isEqualTo(1);
            assertThat(sample.chunks()).isEqualTo(8);
            assertThat(sample.retried()).isZero();
            assertThat(sample.wallMs()).isPositive();
        });
        assertThat(outcome.report().samples()).filteredOn(s -> s.configuration().mode() == Mode.SLOTS)
                .extracting(Sample::phase).containsExactlyInAnyOrder(Sample.Phase.WARMUP, Sample.Phase.MEASURE);
        assertThat(outcome.report().context().nodesAvailable()).isEqualTo(1);
        assertThat(progress).hasSize(4);
    }
}
