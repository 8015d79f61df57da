package dev.gridexec.runtime.slots;

import dev.gridexec.runtime.Interpreter;
import dev.gridexec.runtime.Interpreters;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.lock.SwitchingLock;
import dev.gridexec.task.Isolation;
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
        return new LeasedSlots(pool, leased, settings.threadsPerSlot(), nanos);
    }

    /** A job's slots: each chunk goes to the slot with the fewest chunks in it, up to threadsPerSlot each. */
    private static final class LeasedSlots implements Interpreters {
        private final SlotPool pool;
        private final List<Slot> slots;
        private final int[] users; // guarded by the node workers' lock
        private final int threadsPerSlot;
        private final List<Long> nanos;

        LeasedSlots(SlotPool pool, List<Slot> slots, int threadsPerSlot, List<Long> nanos) {
            this.pool = pool;
            this.slots = List.copyOf(slots);
            this.users = new int[slots.size()];
            this.threadsPerSlot = threadsPerSlot;
            this.nanos = List.copyOf(nanos);
        }

        @Override
        public int concurrency() {
            return slots.size() * threadsPerSlot;
        }

        @Override
        public Interpreter acquire() {
            int best = 0;
            for (int i = 1; i < users.length; i++) {
                if (users[i] < users[best]) {
                    best = i;
                }
            }
            users[best]++;
            return slots.get(best);
        }

        @Override
        public void release(Interpreter interpreter) {
            users[slots.indexOf(interpreter)]--;
        }

        @Override
        public List<Long> slotNanos() {
            return nanos;
        }

        @Override
        public void close() {
            slots.forEach(pool::giveBack);
        }
    }
}
