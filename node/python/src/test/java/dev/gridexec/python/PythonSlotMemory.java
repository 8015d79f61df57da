package dev.gridexec.python;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Mode;
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
 * after each; the cost of a further slot is the difference over the added slots. Arguments: slots (default 4),
 * repeats of the whole measurement (default 3, each on a fresh runtime in this JVM).
 */
public final class PythonSlotMemory {

    private PythonSlotMemory() {
    }

    public static void main(String[] args) throws Exception {
        int slots = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String source = PythonTasks.example("primes.py");
        for (int repeat = 1; repeat <= repeats; repeat++) {
            try (NodeRuntime runtime = new NodeRuntime("memory-node-" + repeat,
                    KernelResolver.withoutArtifacts(KernelCatalog.builtIn()), RuntimeSettings.of(slots))) {
                PythonJobTest.runJob(runtime, "one-" + repeat, PythonTasks.task(source, Map.of("limit", 300_000),
                        Mode.SLOTS, 1, slots));
                long[] one = measure();
                PythonJobTest.runJob(runtime, "all-" + repeat, PythonTasks.task(source, Map.of("limit", 300_000),
                        Mode.SLOTS, slots, slots));
                long[] all = measure();
                int added = runtime.slots().warmSlots().getOrDefault("python", 0) - 1;
                System.out.printf(Locale.ROOT, "repeat %d: warm slots %s; 1 slot: heap+metaspace %.1f MB, rss %.1f MB;"
                                + " %d slots: heap+metaspace %.1f MB, rss %.1f MB; a further slot: heap+metaspace %.1f MB,"
                                + " rss %.1f MB%n", repeat, runtime.slots().warmSlots(), one[0] / 1e6, one[1] / 1e6,
                        added + 1, all[0] / 1e6, all[1] / 1e6, (all[0] - one[0]) / 1e6 / added, (all[1] - one[1]) / 1e6 / added);
            }
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
