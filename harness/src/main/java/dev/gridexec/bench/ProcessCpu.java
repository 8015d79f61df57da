package dev.gridexec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The CPU time this process has used, where the JVM can tell: shows when other processes took the CPU. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** CPU nanoseconds used by every thread of this process so far (JIT and GC included), -1 where unknown. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }

    /** The system load average over the last minute, -1 where unknown. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
