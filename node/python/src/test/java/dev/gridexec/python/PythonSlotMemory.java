package dev.gridexec.python;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.testsupport.Footprint;
import dev.gridexec.wire.Mode;
import java.time.Duration;
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

    /** How long each of the full collections before a measure is given to settle. */
    private static final Duration SETTLE = Duration.ofMillis(200);

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
            Footprint one = Footprint.afterFullCollections(SETTLE);
            for (int i = 0; i < 2; i++) {
                PythonJobTest.runJob(runtime, "all-" + repeat + "-" + i, PythonTasks.task(source,
                        Map.of("limit", 300_000), Mode.SLOTS, slots, slots));
            }
            Footprint all = Footprint.afterFullCollections(SETTLE);
            int warm = runtime.slots().warmSlots().getOrDefault("python", 0);
            runtime.close(); // closes every warm slot: what that frees is what they held
            Footprint closed = Footprint.afterFullCollections(SETTLE);
            System.out.printf(Locale.ROOT, "repeat %d: 1 slot: heap+metaspace %.1f MB, rss %.1f MB; %d slots: %.1f MB,"
                            + " rss %.1f MB; all closed: %.1f MB, rss %.1f MB; a further slot added %.1f MB"
                            + " (rss %.1f MB); closing one freed %.1f MB%n", repeat, one.heapAndMetaspace() / 1e6, one.rss() / 1e6,
                    warm, all.heapAndMetaspace() / 1e6, all.rss() / 1e6, closed.heapAndMetaspace() / 1e6, closed.rss() / 1e6,
                    all.minus(one).heapAndMetaspace() / 1e6 / (warm - 1), all.minus(one).rss() / 1e6 / (warm - 1),
                    all.minus(closed).heapAndMetaspace() / 1e6 / warm);
        }
        System.exit(0);
    }
}
