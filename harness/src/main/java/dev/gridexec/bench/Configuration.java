package dev.gridexec.bench;

import java.util.List;

/**
 * One measured configuration: a runner at a worker count, with every raw sample and its summary.
 *
 * @param model     {@code bare}, {@code threads}, {@code slots} or {@code gil}
 * @param workers   worker threads (bare, threads, gil) or slots (slots)
 * @param warmupMs  the warm-up samples, excluded from everything below
 * @param samplesMs the measured wall times, in the order run
 * @param startupMs each measured run's execution-model start-up (included in its wall time); null for bare
 * @param cpuMs     the CPU time the whole process used during each measured run; null where the JVM cannot tell
 * @param medianMs  median of the samples
 * @param minMs     fastest sample
 * @param maxMs     slowest sample
 * @param cv        sample standard deviation over mean; null with fewer than two samples
 * @param speedup   the same model's 1-worker median over this median; null without a 1-worker configuration
 * @param vsBare    the bare loop's median at the same worker count over this median (at least 1: gridexec as
 *                  fast as the bare loop); null for the bare loop itself
 * @param cpuPerWall the process's CPU time over wall time, summed over the measured runs: about the number of
 *                   busy workers (at most the processors; 1 for gil) when nothing else competes for the CPU
 */
record Configuration(String model, int workers, List<Double> warmupMs, List<Double> samplesMs, List<Double> startupMs,
                     List<Double> cpuMs, double medianMs, double minMs, double maxMs, Double cv, Double speedup,
                     Double vsBare, Double cpuPerWall) {

    Configuration {
        warmupMs = List.copyOf(warmupMs);
        samplesMs = List.copyOf(samplesMs);
        startupMs = startupMs == null ? null : List.copyOf(startupMs);
        cpuMs = cpuMs == null ? null : List.copyOf(cpuMs);
    }

    /** Whether this is the bare loop rather than gridexec. */
    boolean bare() {
        return BareLoop.NAME.equals(model);
    }
}
