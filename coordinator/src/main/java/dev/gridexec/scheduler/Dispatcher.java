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
 * sent of the lane that will take longest to finish; the first output wins (see {@link ChunkLedger}). Which
 * lanes are slow or late, and which late chunks are copied where, is its {@link Stragglers}' part.
 *
 * <p>Not thread-safe: every method is called with the job's lock (its {@link JobRun}'s monitor) held; chunk outcomes
 * come back through its {@link Sink}, which takes that lock.
 */
final class Dispatcher {

    /** Where the outcome of each attempt goes. */
    interface Sink {
        void outcome(Lane lane, Lane.Sent sent, ChunkOutcome outcome, Throwable thrown);
    }

    /** How many chunks' worth of weight the lanes' common mean has in a lane's own. */
    private static final int PRIOR_CHUNKS = 8;

    private final CreditPolicy policy;
    private final ChunkLedger ledger;
    private final List<Object> inputs;
    private final Sink sink;
    private final List<Lane> lanes = new ArrayList<>();
    private final Stragglers late;

    Dispatcher(CreditPolicy policy, StragglerPolicy stragglers, ChunkLedger ledger, List<Object> inputs, Sink sink) {
        this.policy = policy;
        this.late = new Stragglers(stragglers, ledger, this);
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
        late.markSlow();
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

    /** Whether the lane's node holds chunks and has answered none for longer than the policy allows. */
    boolean unresponsive(Lane lane, long now) {
        return late.unresponsive(lane, now);
    }

    /** Copies the chunks of late batches to other nodes (see {@link Stragglers#checkStragglers}); returns how many. */
    int checkStragglers(long now) {
        return late.checkStragglers(now);
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
        // alive() each time: a member that leaves meanwhile hands each chunk straight back (refused, in this thread,
        // back to pending), so without it this loop would take the same chunk again for ever, holding the job's lock
        while (lane.inFlight < cap && ledger.hasPending() && lane.alive()) {
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

    /** Sends a copy of each of chunks {@code indices} still copyable to {@code target}, as one batch; returns how many. */
    int sendCopies(Lane target, List<Integer> indices, long now) {
        int copies = 0;
        for (int index : indices) {
            if (ledger.copyable(index)) {
                ledger.takeCopy(index);
                send(target, index, now);
                copies++;
            }
        }
        if (copies > 0) {
            flush(target);
        }
        return copies;
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
