package dev.gridexec.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's stragglers among its lanes: which lanes are slow (against the other lanes' chunk times), which are
 * unresponsive (they hold chunks and have answered none for too long), and which batches are late, whose chunks it has
 * its {@link Dispatcher} copy to another lane. Its own reason to change: when a node counts as late is the
 * {@link StragglerPolicy}'s and this class's, how chunks are handed out the dispatcher's.
 *
 * <p>Not thread-safe and no state of its own but its policy: it reads and marks its dispatcher's lanes, and is called,
 * like the dispatcher, only with the job's lock (its {@link JobRun}'s monitor) held.
 */
final class Stragglers {

    private final StragglerPolicy policy;
    private final ChunkLedger ledger;
    private final Dispatcher dispatcher;

    /** Stragglers among {@code dispatcher}'s lanes, whose chunks are in {@code ledger}. */
    Stragglers(StragglerPolicy policy, ChunkLedger ledger, Dispatcher dispatcher) {
        this.policy = policy;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
    }

    /** Marks each measured lane slow or not against the mean of the other measured lanes' chunk times (linear in the lanes). */
    void markSlow() {
        double sum = 0;
        int measured = 0;
        for (Lane lane : dispatcher.lanes()) {
            if (lane.measured()) {
                sum += lane.meanNanos();
                measured++;
            }
        }
        for (Lane lane : dispatcher.lanes()) {
            int peers = lane.measured() ? measured - 1 : measured;
            double peersSum = lane.measured() ? sum - lane.meanNanos() : sum;
            lane.slow = lane.measured() && StragglerPolicy.slow(lane.meanNanos(), lane.answered(), peers == 0 ? 0 : peersSum / peers);
        }
    }

    /** Whether the lane's node holds chunks and has answered none for longer than the policy allows. */
    boolean unresponsive(Lane lane, long now) {
        return policy.unresponsive(lane.quietNanos(now));
    }

    /**
     * Looks for stragglers: for each lane, its oldest unanswered batch is late once it has been out (since
     * it was sent, or since the lane last answered if later) longer than the policy's factor x the median
     * run time of the job's chunks on the other nodes x its chunks per thread. A late batch's chunks are
     * copied to the least-loaded other usable node (not slow, not unresponsive, fewest chunks in flight
     * per thread). Each chunk is copied at most once.
     *
     * @return how many copies were sent
     */
    int checkStragglers(long now) {
        int copies = 0;
        for (Lane lane : List.copyOf(dispatcher.lanes())) {
            if (!lane.alive() || lane.inFlight == 0) {
                continue;
            }
            dispatcher.trim(lane);
            Lane.Sent oldest = lane.sent.peekFirst();
            long out = oldest == null ? 0 : now - Math.max(oldest.atNanos, lane.lastAnswerNanos);
            if (!policy.pastFloor(out)) {
                continue; // cheap: most batches are back before the floor, and need no median
            }
            long median = medianOfOthers(lane);
            int inBatch = 0;
            for (Lane.Sent sent : lane.sent) {
                if (sent.batch != oldest.batch) {
                    break;
                }
                inBatch += sent.back ? 0 : 1;
            }
            // what the batch should take: its chunks per thread at the other nodes' median, or what a batch takes
            // there from going out to its answer (transport and a loaded machine included), whichever is longer
            long expected = Math.max(median * ((inBatch + lane.threads - 1) / lane.threads), (long) turnaroundOfOthers(lane));
            if (policy.straggles(out, expected)) {
                copies += copyBatch(lane, oldest.batch, now);
            }
        }
        return copies;
    }

    private int copyBatch(Lane late, long batch, long now) {
        Lane target = null;
        for (Lane other : dispatcher.lanes()) {
            if (other == late || !other.alive() || unresponsive(other, now)) {
                continue;
            }
            if (target == null || (target.slow && !other.slow)
                    || (target.slow == other.slow && (double) other.inFlight / other.threads < (double) target.inFlight / target.threads)) {
                target = other;
            }
        }
        if (target == null) {
            return 0;
        }
        List<Integer> copyable = new ArrayList<>();
        for (Lane.Sent sent : late.sent) {
            if (sent.batch != batch) {
                break;
            }
            if (!sent.back && ledger.copyable(sent.index)) {
                copyable.add(sent.index);
            }
        }
        return dispatcher.sendCopies(target, copyable, now);
    }

    /** The mean batch turnaround of every lane but {@code lane} that has one (0: none). */
    private double turnaroundOfOthers(Lane lane) {
        double sum = 0;
        int n = 0;
        for (Lane other : dispatcher.lanes()) {
            if (other != lane && other.turnaroundNanos > 0) {
                sum += other.turnaroundNanos;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The median of the latest chunk run times of every lane but {@code lane} (0: none measured). */
    private long medianOfOthers(Lane lane) {
        long[] times = new long[dispatcher.lanes().size() * Lane.recentKept()];
        int n = 0;
        for (Lane other : dispatcher.lanes()) {
            if (other != lane) {
                n = other.copyRecent(times, n);
            }
        }
        return StragglerPolicy.median(times, n);
    }
}
