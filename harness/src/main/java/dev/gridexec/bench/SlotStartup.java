package dev.gridexec.bench;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.report.Stats;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What starting a slot costs: each slot's own start-up (class loader, kernel classes, params, codec), as the
 * node runtime reports it. The first slot of the process also pays for loading the classes every slot
 * shares, so it is kept apart from the statistics of the others.
 *
 * @param slots     how many slots were started
 * @param perSession slots opened per session (one session is one job's slots model)
 * @param samplesMs every slot's start-up in the order started
 * @param firstMs   the first slot's start-up
 * @param medianMs  the median of the others, null if there is only one slot
 * @param p90Ms     the nearest-rank 90th percentile of the others, null if there is only one slot
 */
record SlotStartup(int slots, int perSession, List<Double> samplesMs, double firstMs, Double medianMs, Double p90Ms) {

    SlotStartup {
        samplesMs = List.copyOf(samplesMs);
    }

    /** Starts {@code settings.slotStartups()} slots, {@value BenchSettings#SLOTS_PER_SESSION} per session. */
    static SlotStartup measure(BenchSettings settings, KernelCatalog catalog, Consumer<String> progress) {
        // Fresh slots every session (isolation job): warm slots from the pool would measure a lease, not a start-up.
        NodeRuntime node = new NodeRuntime("bench-slot-startup", KernelResolver.withoutArtifacts(catalog),
                RuntimeSettings.of(BenchSettings.SLOTS_PER_SESSION));
        List<Double> samples = new ArrayList<>();
        for (int session = 0; samples.size() < settings.slotStartups(); session++) {
            int slots = Math.min(BenchSettings.SLOTS_PER_SESSION, settings.slotStartups() - samples.size());
            Task task = settings.task(Mode.SLOTS, slots);
            Task fresh = new Task(task.name(), task.kernel(), task.params(), task.chunks(), task.mode(), task.workers(),
                    task.nodes(), task.threadsPerSlot(), task.switchIntervalMs(), task.seed(), task.timeout(),
                    task.maxAttempts(), task.artifact(), task.priority(), Isolation.JOB);
            try (JobSession opened = node.open("bench-slot-startup-" + session, fresh)) {
                for (long nanos : opened.startup().slotNanos()) {
                    samples.add(nanos / 1e6);
                }
            }
        }
        node.close();
        progress.accept("slot start-up: started " + samples.size() + " slots");
        return of(samples);
    }

    /** The statistics of these start-up samples, in the order started. */
    static SlotStartup of(List<Double> samplesMs) {
        List<Double> others = samplesMs.subList(1, samplesMs.size());
        return new SlotStartup(samplesMs.size(), BenchSettings.SLOTS_PER_SESSION, samplesMs, samplesMs.get(0),
                others.isEmpty() ? null : Stats.median(others),
                others.isEmpty() ? null : Stats.percentile(others, 90));
    }
}
