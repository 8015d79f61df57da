package dev.gridexec.scheduler;

import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.scheduler.credit.CreditPolicy;
import dev.gridexec.scheduler.credit.LaneLoad;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands a job's chunks to its lanes. Design: a lane's chunks in flight are capped at
 * {@code max(2 x threads, min(credit, fair share))}, its fair share being the job's unfinished chunks split
 * in proportion to each live lane's measured throughput (threads / recent mean chunk time), so no lane can
 * take the whole queue after one fast chunk and a slow node holds fewer. A lane is topped up once at least
 * half its cap is free, in batches of at most half its cap and at most the pending chunks over twice the
 * live lanes, so batches shrink as the queue drains and the tail comes back in small groups. Once nothing
 * is pending, a lane with an idle thread runs a copy of a chunk still out on another lane, the most recently
 * sent of the lane that will take longest to finish; the first output wins (see {@link ChunkLedger}).
 * Not thread-safe: its job holds the lock.
 */
final class Dispatcher {

    /** Where the outcome of each attempt goes. */
    interface Sink {
        void outcome(Lane lane, Lane.Sent sent, ChunkOutcome outcome, Throwable thrown);
    }

    /** How many chunks' worth of weight the lanes' common mean has in a lane's own. */
    private static final int PRIOR_CHUNKS = 8;

    private final CreditPolicy policy;
    private final StragglerPolicy stragglers;
    private final ChunkLedger ledger;
    private final List<Object> inputs;
    private final Sink sink;
    private final List<Lane> lanes = new ArrayList<>();

    Dispatcher(CreditPolicy policy, StragglerPolicy stragglers, ChunkLedger ledger, List<Object> inputs, Sink sink) {
        this.policy = policy;
        this.stragglers = stragglers;
        this.ledger = ledger;
        this.inputs = inputs;
        this.sink = sink;
    }

    List<Lane> lanes() {
        return lanes;
    }

    Lane open(String node, MemberJob job) {
        Lane lane = new Lane(node, job, policy.initial(job.threads()));
        lanes.add(lane);
        return lane;
    }

    int liveLanes() {
        int live = 0;
        for (Lane lane : lanes) {
            if (lane.alive()) {
                live++;
            }
        }
        return live;
    }

    /** Counts a chunk the lane ran to its end and asks the policy for its new credit. */
    void answered(Lane lane, long chunkNanos) {
        lane.record(chunkNanos);
        lane.credit = Math.max(1, policy.next(new LaneLoad(lane.threads, lane.credit, lane.meanNanos(), fairShare(lane))));
        markSlow();
    }

    /** Notes that an attempt's outcome (of any kind) came back from the lane's node at {@code now}. */
    void returned(Lane lane, Lane.Sent sent, long now) {
        sent.back = true;
        lane.answeredAt(sent, now);
        trim(lane);
    }

    /** Drops done or answered chunks from the head of the lane's sent list. */
    void trim(Lane lane) {
        while (!lane.sent.isEmpty() && (lane.sent.peekFirst().back || ledger.delivered(lane.sent.peekFirst().index))) {
            lane.sent.pollFirst();
        }
    }

    /** Marks each measured lane slow or not against the mean of the other measured lanes' chunk times (linear in the lanes). */
    private void markSlow() {
        double sum = 0;
        int measured = 0;
        for (Lane lane : lanes) {
            if (lane.measured()) {
                sum += lane.meanNanos();
                measured++;
            }
        }
        for (Lane lane : lanes) {
            int peers = lane.measured() ? measured - 1 : measured;
            double peersSum = lane.measured() ? sum - lane.meanNanos() : sum;
            lane.slow = lane.measured() && StragglerPolicy.slow(lane.meanNanos(), lane.answered(), peers == 0 ? 0 : peersSum / peers);
        }
    }

    /** Whether the lane's node holds chunks and has answered none for longer than the policy allows. */
    boolean unresponsive(Lane lane, long now) {
        return stragglers.unresponsive(lane.quietNanos(now));
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
        for (Lane lane : List.copyOf(lanes)) {
            if (!lane.alive() || lane.inFlight == 0) {
                continue;
            }
            trim(lane);
            Lane.Sent oldest = lane.sent.peekFirst();
            long out = oldest == null ? 0 : now - Math.max(oldest.atNanos, lane.lastAnswerNanos);
            if (!stragglers.pastFloor(out)) {
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
            if (stragglers.straggles(out, expected)) {
                copies += copyBatch(lane, oldest.batch, now);
            }
        }
        return copies;
    }

    private int copyBatch(Lane late, long batch, long now) {
        Lane target = null;
        for (Lane other : lanes) {
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
        int copies = 0;
        for (Lane.Sent sent : late.sent) {
            if (sent.batch != batch) {
                break;
            }
            if (!sent.back && ledger.copyable(sent.index)) {
                ledger.takeCopy(sent.index);
                send(target, sent.index, now);
                copies++;
            }
        }
        if (copies > 0) {
            flush(target);
        }
        return copies;
    }

    /** The mean batch turnaround of every lane but {@code lane} that has one (0: none). */
    private double turnaroundOfOthers(Lane lane) {
        double sum = 0;
        int n = 0;
        for (Lane other : lanes) {
            if (other != lane && other.turnaroundNanos > 0) {
                sum += other.turnaroundNanos;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The median of the latest chunk run times of every lane but {@code lane} (0: none measured). */
    private long medianOfOthers(Lane lane) {
        long[] times = new long[lanes.size() * Lane.recentKept()];
        int n = 0;
        for (Lane other : lanes) {
            if (other != lane) {
                n = other.copyRecent(times, n);
            }
        }
        return StragglerPolicy.median(times, n);
    }

    /** Tops every live lane up, {@code first} (the lane that just answered) first. */
    void dispatchAll(Lane first) {
        if (first != null) {
            dispatch(first);
        }
        for (Lane lane : lanes) {
            if (lane != first) {
                dispatch(lane);
            }
        }
    }

    /** The most chunks the lane may hold in flight now. */
    int cap(Lane lane) {
        return Math.max(2 * lane.threads, Math.min(lane.credit, fairShare(lane)));
    }

    /** The lane's share of the unfinished chunks, in proportion to its throughput among the live lanes (rounded up). */
    int fairShare(Lane lane) {
        if (!lane.alive()) {
            return 0;
        }
        double reference = referenceNanos();
        double all = 0;
        for (Lane other : lanes) {
            if (other.alive()) {
                all += rate(other, reference);
            }
        }
        return (int) Math.ceil(ledger.unfinished() * rate(lane, reference) / all);
    }

    /**
     * Chunks per nanosecond the lane runs: its threads over its mean chunk time, which is drawn toward the
     * other lanes' mean until the lane has answered a few chunks (one slow first chunk, a cold JIT or a
     * worker starting, must not decide the split).
     */
    private static double rate(Lane lane, double reference) {
        long n = lane.answered();
        double mean = (n * (double) lane.meanNanos() + PRIOR_CHUNKS * reference) / (n + PRIOR_CHUNKS);
        return lane.threads / mean;
    }

    /** What an unmeasured lane's chunks are taken to cost: the measured lanes' mean (any positive value before). */
    private double referenceNanos() {
        double sum = 0;
        int measured = 0;
        for (Lane lane : lanes) {
            if (lane.alive() && lane.measured()) {
                sum += lane.meanNanos();
                measured++;
            }
        }
        return measured == 0 ? 1_000_000 : sum / measured;
    }

    private void dispatch(Lane lane) {
        long now = System.nanoTime();
        if (!lane.alive() || unresponsive(lane, now)) {
            return; // an unresponsive node gets no new chunks until it answers or the failure detector drops it
        }
        if (!ledger.hasPending()) {
            speculate(lane);
            return;
        }
        int cap = cap(lane);
        if (lane.inFlight > cap / 2) {
            return;
        }
        int drain = (ledger.pendingCount() + 2 * liveLanes() - 1) / (2 * liveLanes());
        int batch = Math.max(1, Math.min(cap / 2, drain));
        int queued = 0;
        while (lane.inFlight < cap && ledger.hasPending()) {
            send(lane, ledger.takePending(), now);
            if (++queued == batch) {
                flush(lane);
                queued = 0;
            }
        }
        if (queued > 0) {
            flush(lane);
        }
    }

    /** Gives each idle thread of the lane a copy of a chunk still out on another lane. */
    private void speculate(Lane lane) {
        int copies = 0;
        while (lane.inFlight < lane.threads) {
            int index = copyable(lane);
            if (index < 0) {
                break;
            }
            ledger.takeCopy(index);
            send(lane, index, System.nanoTime());
            copies++;
        }
        if (copies > 0) {
            flush(lane);
        }
    }

    /** The most recently sent copyable chunk of the lane that will take longest to finish, or -1. */
    private int copyable(Lane idle) {
        Lane victim = null;
        double longest = 0;
        for (Lane lane : lanes) {
            if (lane == idle || lane.inFlight == 0) {
                continue;
            }
            double finish = (double) lane.inFlight * Math.max(1, lane.meanNanos()) / lane.threads;
            if (victim == null || finish > longest) {
                victim = lane;
                longest = finish;
            }
        }
        if (victim == null) {
            return -1;
        }
        Iterator<Lane.Sent> newestFirst = victim.sent.descendingIterator();
        while (newestFirst.hasNext()) {
            int index = newestFirst.next().index;
            if (ledger.copyable(index)) {
                return index;
            }
        }
        return -1;
    }

    private void send(Lane lane, int index, long now) {
        lane.inFlight++;
        Lane.Sent sent = new Lane.Sent(index, now, lane.batches);
        lane.sent.addLast(sent);
        lane.job.submit(index, inputs.get(index)).whenComplete((outcome, thrown) -> sink.outcome(lane, sent, outcome, thrown));
    }

    private static void flush(Lane lane) {
        lane.job.flush();
        lane.batches++;
    }
}
