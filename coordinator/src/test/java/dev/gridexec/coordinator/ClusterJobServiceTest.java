package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.jobs.JobResult;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.members.TestCluster;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ClusterJobServiceTest {

    private TestCluster cluster;
    private ClusterJobService service;

    @BeforeEach
    void start() throws Exception {
        cluster = new TestCluster(KernelCatalog.builtIn(), 2);
        service = new ClusterJobService(cluster.coordinator, cluster.kernels, Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        service.close();
        cluster.close();
    }

    private static Task primes() {
        return new Task(null, "primes", Map.of("limit", 100_000L), 16, Mode.THREADS, 1, 2, 1, 5, 0, null, 3);
    }

    private static <T> T await(Supplier<Optional<T>> probe, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling interval; the probe decides
        }
        throw new AssertionError("condition not met in " + seconds + " s");
    }

    @Test
    void endedJobsRecordSurvivesTheLossOfADataMemberAndAFreshCoordinator() throws Exception {
        service.close(); // its 3 s retention can expire the record while a loaded machine loses the member
        service = new ClusterJobService(cluster.coordinator, cluster.kernels, Duration.ofMinutes(1));
        JobRecord accepted = service.submit(primes());
        JobRecord done = await(() -> service.find(accepted.id()).filter(r -> r.state().terminal()), 60);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        // The record is written when the job ends; a coordinator that never ran the job finds it in the map.
        ClusterJobService fresh = new ClusterJobService(cluster.coordinator, cluster.kernels, Duration.ofMinutes(1));
        try {
            JobRecord stored = await(() -> fresh.find(accepted.id()).filter(r -> r.state().terminal()), 10);
            cluster.nodes.get(0).hazelcast().getLifecycleService().terminate();
            cluster.awaitMembers(2);
            JobRecord afterLoss = fresh.find(accepted.id()).orElseThrow();
            assertThat(afterLoss).isEqualTo(stored);
            assertThat(afterLoss.result().get("count").asLong()).isEqualTo(9592);
            assertThat(fresh.list()).extracting(JobRecord::id).contains(accepted.id());
            CompletableFuture<JobRecord> finished = new CompletableFuture<>();
            assertThat(fresh.watch(accepted.id(), new JobListener() {
                @Override
                public void finished(JobRecord record) {
                    finished.complete(record);
                }
            })).isPresent();
            assertThat(finished.get(5, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        } finally {
            fresh.close();
        }
    }

    @Test
    void aResultKeptApartIsServedByAnyCoordinatorAndOutlivesItsRecordByAMinute() throws Exception {
        service.close();
        service = new ClusterJobService(cluster.coordinator, cluster.kernels, Duration.ofMinutes(2), 0); // every result apart
        JobRecord accepted = service.submit(primes());
        await(() -> service.find(accepted.id()).filter(r -> r.state().terminal()), 60);
        ClusterJobService other = new ClusterJobService(cluster.coordinator, cluster.kernels, Duration.ofMinutes(2));
        try {
            JobRecord stored = await(() -> other.find(accepted.id()).filter(r -> r.state().terminal()), 10);
            assertThat(stored.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(stored.result()).as("the record leaves it out").isNull();
            assertThat(stored.resultStored().bytes()).isEqualTo("{\"count\":9592}".length());
            JobResult served = other.result(accepted.id()).orElseThrow();
            assertThat(new String(served.json(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"count\":9592}");
            assertThat(other.result("no-such-job")).isEmpty();

            var record = cluster.coordinator.getMap(dev.gridexec.cluster.ClusterConfigs.JOBS_MAP).getEntryView(accepted.id());
            var result = cluster.coordinator.getMap(dev.gridexec.cluster.ClusterConfigs.RESULTS_MAP).getEntryView(accepted.id());
            assertThat(record.getTtl()).isEqualTo(Duration.ofMinutes(2).toMillis());
            assertThat(result.getTtl()).isEqualTo(Duration.ofMinutes(3).toMillis());
            assertThat(result.getExpirationTime()).isGreaterThan(record.getExpirationTime());
        } finally {
            other.close();
        }
    }

    @Test
    void endedJobsAreForgottenAfterTheRetention() throws Exception {
        JobRecord accepted = service.submit(primes());
        await(() -> service.find(accepted.id()).filter(r -> r.state().terminal()), 60);
        await(() -> service.find(accepted.id()).isEmpty() ? Optional.of(true) : Optional.empty(), 30);
        assertThat(service.list()).extracting(JobRecord::id).doesNotContain(accepted.id());
    }

    @Test
    void nodesShowTheirCapacity() {
        assertThat(service.nodes()).hasSize(2).allSatisfy(node -> {
            assertThat(node.address()).startsWith("127.0.0.1:");
            assertThat(node.maxWorkers()).isEqualTo(2);
            assertThat(node.capacity()).isEqualTo(2);
            assertThat(node.busyWorkers()).as("live load answered by the node").isZero();
            assertThat(node.warmSlots()).isEmpty();
            assertThat(node.processors()).isPositive();
        });
        assertThat(service.defaults().workers()).isEqualTo(2);
        assertThat(service.defaults().nodes()).isEqualTo(2);
    }
}
