package dev.gridexec.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * What this JVM holds, for the memory probes (what a warm slot costs): the heap in use, the metaspace (class space
 * included) and the process's resident set, in bytes.
 */
public record Footprint(long heap, long metaspace, long rss) {

    private static final Set<String> METASPACE_POOLS = Set.of("Metaspace", "Compressed Class Space");

    /** The footprint after five full collections, {@code settle} apart (so that what is unreachable is gone). */
    public static Footprint afterFullCollections(Duration settle) throws InterruptedException, IOException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(settle.toMillis());
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (METASPACE_POOLS.contains(pool.getName())) {
                metaspace += pool.getUsage().getUsed();
            }
        }
        return new Footprint(heap, metaspace, residentSetBytes());
    }

    /** Heap and metaspace together. */
    public long heapAndMetaspace() {
        return heap + metaspace;
    }

    /** This footprint less {@code before}, field by field. */
    public Footprint minus(Footprint before) {
        return new Footprint(heap - before.heap, metaspace - before.metaspace, rss - before.rss);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "heap %.1f MB, metaspace %.1f MB, heap+metaspace %.1f MB, rss %.1f MB", heap / 1e6,
                metaspace / 1e6, heapAndMetaspace() / 1e6, rss / 1e6);
    }

    /** The process's resident set ({@code VmRSS} of /proc/self/status; Linux only). */
    private static long residentSetBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
