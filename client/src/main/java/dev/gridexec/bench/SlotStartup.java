package dev.gridexec.bench;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.task.Mode;
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
        NodeRuntime node = new NodeRuntime("bench-slot-startup", catalog);
        List<Double> samples = new ArrayList<>();
        for (int session = 0; samples.size() < settings.slotStartups(); session++) {
            int slots = Math.min(BenchSettings.SLOTS_PER_SESSION, settings.slotStartups() - samples.size());
            try (JobSession opened = node.open("bench-slot-startup-" + session, settings.task(Mode.SLOTS, slots))) {
                for (long nanos : opened.startup().slotNanos()) {
                    samples.add(nanos / 1e6);
                }
            }
        }
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
