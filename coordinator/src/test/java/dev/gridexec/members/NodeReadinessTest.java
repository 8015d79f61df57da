package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.node.NodeProcess;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node that sees no coordinator (cut off from them, or none left) says it is not ready. */
@Timeout(120)
class NodeReadinessTest {

    @Test
    void nodeCutOffFromTheCoordinatorsIsNotReady() throws Exception {
        try (TestCluster cluster = new TestCluster(KernelCatalog.builtIn(), 1)) {
            cluster.awaitMembers(2);
            NodeProcess node = cluster.nodes.get(0);
            assertThat(within(node::notReady, Optional::isEmpty)).as("ready while the coordinator is there").isEmpty();

            cluster.coordinator.getLifecycleService().terminate();

            assertThat(within(node::notReady, Optional::isPresent)).as("after the coordinator is gone")
                    .hasValueSatisfying(reason -> assertThat(reason).contains("no coordinator"));
        }
    }

    /** Polls {@code value} until {@code done} holds, for at most 60 s; returns the last value. */
    private static <T> T within(Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        T last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // poll interval, not synchronisation
            last = value.get();
        }
        return last;
    }
}
