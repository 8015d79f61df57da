package dev.gridexec.python;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.task.Mode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The memory figure of docs/PYTHON.md (not a test): what a further warm Python slot costs. On one node runtime,
 * a slots job of examples/python/primes.py with 1 worker (one warm slot with the module loaded), then with
 * {@code slots} workers (that many warm slots), heap + metaspace (after full collections) and the process's RSS
 * after each (each job twice, so that the second finds the code compiled); the cost of a further slot is the
 * difference over the added slots, and what closing the runtime (all its warm slots) frees, per slot, is the other
 * view of what a warm slot holds. Arguments: slots (default 4), repeats (default 1; run separate JVMs instead).
 */
public final class PythonSlotMemory {

    private PythonSlotMemory() {
    }

    public static void main(String[] args) throws Exception {
        int slots = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String source = PythonTasks.example("primes.py");
        for (int repeat = 1; repeat <= repeats; repeat++) {
            NodeRuntime runtime = new NodeRuntime("memory-node-" + repeat,
                    KernelResolver.withoutArtifacts(KernelCatalog.builtIn()), RuntimeSettings.of(slots));
            for (int i = 0; i < 2; i++) { // twice: the second run finds its slots warm and the code compiled
                PythonJobTest.runJob(runtime, "one-" + repeat + "-" + i, PythonTasks.task(source,
                        Map.of("limit", 300_000), Mode.SLOTS, 1, slots));
            }
            long[] one = measure();
            for (int i = 0; i < 2; i++) {
                PythonJobTest.runJob(runtime, "all-" + repeat + "-" + i, PythonTasks.task(source,
                        Map.of("limit", 300_000), Mode.SLOTS, slots, slots));
            }
            long[] all = measure();
            int warm = runtime.slots().warmSlots().getOrDefault("python", 0);
            runtime.close(); // closes every warm slot: what that frees is what they held
            long[] closed = measure();
            System.out.printf(Locale.ROOT, "repeat %d: 1 slot: heap+metaspace %.1f MB, rss %.1f MB; %d slots: %.1f MB,"
                            + " rss %.1f MB; all closed: %.1f MB, rss %.1f MB; a further slot added %.1f MB"
                            + " (rss %.1f MB); closing one freed %.1f MB%n", repeat, one[0] / 1e6, one[1] / 1e6, warm,
                    all[0] / 1e6, all[1] / 1e6, closed[0] / 1e6, closed[1] / 1e6, (all[0] - one[0]) / 1e6 / (warm - 1),
                    (all[1] - one[1]) / 1e6 / (warm - 1), (all[0] - closed[0]) / 1e6 / warm);
        }
        System.exit(0);
    }

    /** Heap + metaspace after full collections, and the resident set, in bytes. */
    private static long[] measure() throws Exception {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace") || pool.getName().equals("Compressed Class Space")) {
                used += pool.getUsage().getUsed();
            }
        }
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new long[] {used, rss};
    }
}
