package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.members.TestCluster;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.SchedulerSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A coordinator in this JVM: its own lite member in a {@link TestCluster} and its {@link ClusterJobService}. */
record TestCoordinator(HazelcastInstance member, KernelResolver kernels, ClusterJobService service) {

    /** Starts coordinator {@code name}; the caller closes it (the cluster's close terminates its member too). */
    static TestCoordinator start(TestCluster cluster, KernelCatalog catalog, String name, SchedulerSettings scheduling) throws Exception {
        HazelcastInstance lite = cluster.addCoordinator(name);
        KernelResolver kernels = new KernelResolver(catalog, new ArtifactCache(new HazelcastArtifactStore(() -> lite)));
        return new TestCoordinator(lite, kernels, new ClusterJobService(lite, kernels, Duration.ofMinutes(5), scheduling, name));
    }

    /** Like kill -9: the service's threads stop where they are, telling nobody, and the member vanishes without a word. */
    void kill() {
        service.halt();
        member.getLifecycleService().terminate();
    }

    void close() {
        if (member.getLifecycleService().isRunning()) {
            service.close();
        }
        kernels.close();
        member.getLifecycleService().terminate();
    }

    /** Completes with the job's final record, whichever coordinator runs it, as this coordinator's event stream tells it. */
    CompletableFuture<JobRecord> finished(String id) {
        CompletableFuture<JobRecord> finished = new CompletableFuture<>();
        assertThat(service.watch(id, new JobListener() {
            @Override
            public void finished(JobRecord record) {
                finished.complete(record);
            }
        })).as("job %s known to coordinator %s", id, service.name()).isPresent();
        return finished;
    }
}
