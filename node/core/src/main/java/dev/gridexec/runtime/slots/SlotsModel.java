package dev.gridexec.runtime.slots;

import dev.gridexec.runtime.Interpreter;
import dev.gridexec.runtime.Interpreters;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.lock.SwitchingLock;
import dev.gridexec.wire.Isolation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code slots}: isolated interpreter slots, like Python 3.12+ sub-interpreters each with its own GIL. A job
 * leases {@code workers} slots of its kernel from the node's {@link SlotPool} (warm ones from earlier jobs, or
 * new ones; always new ones with {@code "isolation": "job"}), each with a fresh lock that up to
 * {@code threadsPerSlot} of the node's workers contend on, and gives them back when it ends.
 */
public final class SlotsModel implements ModelFactory {

    private final SlotPool pool;

    public SlotsModel(SlotPool pool) {
        this.pool = pool;
    }

    @Override
    public Interpreters open(ModelSettings settings, JobScope job) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.switchIntervalMs());
        String key = SlotPool.kernelKey(job.source());
        boolean fresh = settings.isolation() == Isolation.JOB;
        List<Slot> leased = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        try {
            for (int s = 0; s < settings.workers(); s++) {
                Slot slot = pool.take(key, fresh);
                try {
                    nanos.add(slot.lease(job.source(), job.rawParams(), new SwitchingLock(intervalNanos)));
                } catch (RuntimeException | Error e) {
                    slot.close();
                    pool.giveBack(slot); // its state is gone: counted out, not kept
                    throw e;
                }
                leased.add(slot);
            }
        } catch (RuntimeException | Error e) {
            leased.forEach(pool::giveBack); // no thread runs in them yet
            throw e;
        }
        return Interpreters.fewestFirst(leased, settings.threadsPerSlot(), nanos, pool::giveBack);
    }
}
