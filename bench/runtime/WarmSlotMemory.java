import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.testsupport.Footprint;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap + metaspace + RSS of a node runtime with 8 warm primes slots vs idle (after one threads job). Needs the core's test
 * classes ({@link Footprint}) on the class path: see bench/runtime/README.md.
 */
public class WarmSlotMemory {
    public static void main(String[] args) throws Exception {
        NodeRuntime node = new NodeRuntime("mem", KernelResolver.withoutArtifacts(KernelCatalog.builtIn()),
                new RuntimeSettings(8, 32, Duration.ofMinutes(10)));
        run(node, Mode.THREADS, 2);
        Footprint idle = Footprint.afterFullCollections(Duration.ofMillis(100));
        run(node, Mode.SLOTS, 8);
        Footprint warm = Footprint.afterFullCollections(Duration.ofMillis(100));
        System.out.printf("warm slots: %s%n", node.slots().warmSlots());
        System.out.printf("idle : %s%nwarm : %s%ndelta: %s%n", idle, warm, warm.minus(idle));
        node.close();
    }

    static void run(NodeRuntime node, Mode mode, int workers) throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 3_000_000L), 48, mode, workers, 1, 1, 5, 0, null, 1, null, 0,
                Isolation.KERNEL);
        JobSession session = node.open("job-" + mode, task);
        // primes inputs: the kernel's own split
        Kernel<Object, Object, Object, Object> kernel = KernelResolver.withoutArtifacts(KernelCatalog.builtIn()).resolve(task)
                .newInstance();
        List<Object> inputs = kernel.split(kernel.params(new ParamReader(task.params())), new SplitRequest(48, 0));
        List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            futures.add(session.submit(i, inputs.get(i)));
        }
        for (CompletableFuture<ChunkOutcome> future : futures) {
            if (!(future.get(120, TimeUnit.SECONDS) instanceof ChunkOutcome.Done)) {
                throw new IllegalStateException("chunk failed");
            }
        }
        session.close();
        session.stopped().get(30, TimeUnit.SECONDS);
    }
}
