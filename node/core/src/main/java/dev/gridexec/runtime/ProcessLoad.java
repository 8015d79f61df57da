package dev.gridexec.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This JVM's CPU load and heap, as its node reports them in {@link NodeLoad}.
 *
 * <p>The CPU load is the process's CPU time over the wall time of a window of at least {@link #MIN_WINDOW_NANOS},
 * divided by the processors the JVM may use (0..1), from {@code com.sun.management.OperatingSystemMXBean}'s
 * process CPU time. The JDK's own {@code getProcessCpuLoad()} measures since its previous call, so callers asking
 * close together (several coordinators, a metrics scrape) would each see a window of a few milliseconds; here a
 * question within the window gets the last full window's figure, and the first window starts at the JVM's start.
 */
public final class ProcessLoad {

    /** The shortest window a CPU load is measured over. */
    static final long MIN_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier cpuNanos;
    private final LongSupplier clockNanos;
    private final int processors;
    private final Supplier<MemoryUsage> heap;
    private long windowStart;
    private long windowStartCpu;
    private double last = -1;

    /** This JVM's. */
    public ProcessLoad() {
        this(processCpuTime(), System::nanoTime, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getUptime(), ManagementFactory.getMemoryMXBean()::getHeapMemoryUsage);
    }

    /**
     * @param cpuNanos   the process's CPU time so far, in ns; negative when the JVM cannot tell
     * @param clockNanos a monotonic clock in ns
     * @param processors the processors the process may use
     * @param uptimeMs   how long the process has run (the first window starts then, with no CPU time used)
     * @param heap       the heap's usage now
     */
    ProcessLoad(LongSupplier cpuNanos, LongSupplier clockNanos, int processors, long uptimeMs, Supplier<MemoryUsage> heap) {
        this.cpuNanos = cpuNanos;
        this.clockNanos = clockNanos;
        this.processors = Math.max(1, processors);
        this.heap = heap;
        this.windowStart = clockNanos.getAsLong() - TimeUnit.MILLISECONDS.toNanos(Math.max(0, uptimeMs));
        this.windowStartCpu = 0;
    }

    /** The process's CPU load, 0..1 of the processors it may use, over the last window; -1 when the JVM cannot tell. */
    public synchronized double cpuLoad() {
        long cpu = cpuNanos.getAsLong();
        if (cpu < 0) {
            return -1;
        }
        long now = clockNanos.getAsLong();
        long elapsed = now - windowStart;
        if (elapsed >= MIN_WINDOW_NANOS) {
            last = share(cpu - windowStartCpu, elapsed);
            windowStart = now;
            windowStartCpu = cpu;
        } else if (last < 0) {
            last = elapsed <= 0 ? 0 : share(cpu - windowStartCpu, elapsed); // a process younger than one window
        }
        return last;
    }

    /** Heap bytes in use now. */
    public long heapUsedBytes() {
        return heap.get().getUsed();
    }

    /** The most heap the JVM may use, in bytes; -1 when it has no limit. */
    public long heapMaxBytes() {
        return heap.get().getMax();
    }

    private double share(long cpu, long elapsed) {
        return Math.min(1.0, Math.max(0.0, cpu / ((double) elapsed * processors)));
    }

    private static LongSupplier processCpuTime() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getProcessCpuTime;
        }
        return () -> -1;
    }
}
