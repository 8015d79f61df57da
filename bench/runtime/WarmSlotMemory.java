import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Heap + metaspace + RSS of a node runtime with 8 warm primes slots vs idle (after one threads job). */
public class WarmSlotMemory {
    public static void main(String[] args) throws Exception {
        NodeRuntime node = new NodeRuntime("mem", KernelResolver.withoutArtifacts(KernelCatalog.builtIn()),
                new RuntimeSettings(8, 32, Duration.ofMinutes(10)));
        run(node, Mode.THREADS, 2);
        long[] idle = measure();
        run(node, Mode.SLOTS, 8);
        long[] warm = measure();
        System.out.printf("warm slots: %s%n", node.slots().warmSlots());
        System.out.printf("idle : heap %.1f MB, metaspace %.1f MB, rss %.1f MB%n", idle[0] / 1e6, idle[1] / 1e6, idle[2] / 1e6);
        System.out.printf("warm : heap %.1f MB, metaspace %.1f MB, rss %.1f MB%n", warm[0] / 1e6, warm[1] / 1e6, warm[2] / 1e6);
        System.out.printf("delta: heap %.1f MB, metaspace %.1f MB, heap+metaspace %.1f MB, rss %.1f MB%n",
                (warm[0] - idle[0]) / 1e6, (warm[1] - idle[1]) / 1e6, (warm[0] + warm[1] - idle[0] - idle[1]) / 1e6,
                (warm[2] - idle[2]) / 1e6);
        node.close();
    }

    static void run(NodeRuntime node, Mode mode, int workers) throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 3_000_000L), 48, mode, workers, 1, 1, 5, 0, null, 1, null, 0,
                Isolation.KERNEL);
        JobSession session = node.open("job-" + mode, task);
        // primes inputs: use the kernel's own split
        var kernel = dev.gridexec.catalog.KernelResolver.withoutArtifacts(KernelCatalog.builtIn()).resolve(task).newInstance();
        var params = kernel.params(new dev.gridexec.kernel.api.ParamReader(task.params()));
        var inputs = kernel.split(params, new dev.gridexec.kernel.api.SplitRequest(48, 0));
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<ChunkOutcome>>();
        for (int i = 0; i < inputs.size(); i++) {
            futures.add(session.submit(i, inputs.get(i)));
        }
        for (var f : futures) {
            if (!(f.get(120, TimeUnit.SECONDS) instanceof ChunkOutcome.Done)) throw new IllegalStateException("chunk failed");
        }
        session.close();
        session.stopped().get(30, TimeUnit.SECONDS);
    }

    static long[] measure() throws Exception {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long meta = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace") || pool.getName().equals("Compressed Class Space")) {
                meta += pool.getUsage().getUsed();
            }
        }
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new long[] {heap, meta, rss};
    }
}
