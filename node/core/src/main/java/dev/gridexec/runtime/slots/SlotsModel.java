package dev.gridexec.runtime.slots;

import dev.gridexec.runtime.Interpreter;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.lock.SwitchingLock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code slots}: isolated interpreter slots, like Python 3.12+ sub-interpreters each with its own GIL.
 * {@code workers} slots, each started up front (its start-up is measured and reported) and reused for
 * every chunk of the job, each with {@code threadsPerSlot} threads contending on the slot's lock.
 */
public final class SlotsModel implements ModelFactory {

    @Override
    public Interpreters build(ModelSettings settings, JobScope job) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.switchIntervalMs());
        List<Interpreter> perThread = new ArrayList<>();
        List<Long> startups = new ArrayList<>();
        List<Slot> started = new ArrayList<>();
        try {
            for (int s = 0; s < settings.workers(); s++) {
                Slot slot = new Slot("slot-" + s, job.source(), job.rawParams(), new SwitchingLock(intervalNanos));
                startups.add(slot.start());
                started.add(slot);
                for (int t = 0; t < settings.threadsPerSlot(); t++) {
                    perThread.add(slot);
                }
            }
        } catch (RuntimeException | Error e) {
            started.forEach(Slot::close); // no thread runs in them yet
            throw e;
        }
        return new Interpreters(perThread, startups);
    }
}
