package dev.gridexec.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.jobs.ChunkCounts;
import dev.gridexec.jobs.JobError;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.jobs.JobState;
import dev.gridexec.jobs.Placement;
import dev.gridexec.jobs.Timing;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.Outcomes;
import dev.gridexec.task.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job from acceptance to its terminal state: split, dispatch to members by credit, retry, reduce.
 *
 * <p>Design: all bookkeeping is in memory under this object's lock; members complete chunk futures on
 * their own threads, and {@link #onOutcome} folds each outcome in and tops the member's in-flight chunks
 * back up to its credit (twice its threads, so a member never idles between chunks and a faster member
 * takes more). Every attempt, however it ended, counts toward {@code maxAttempts}; an output that arrives
 * twice for one chunk counts once. Outputs are reduced in chunk order once all are in. When the job ends it
 * closes its kernel and drops every object of the kernel's classes (kernel, params, inputs, outputs, member
 * jobs), so that the record it keeps for the retention does not keep an artifact's classes alive.
 */
public final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final String id;
    private final Task task;
    private final List<Member> members;
    private final int wantedLanes;
    private final List<String> warnings;
    private final List<JobListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final long acceptedNanos = System.nanoTime();
    private final long acceptedAtMillis = System.currentTimeMillis();
    private final CompletableFuture<JobRecord> completion = new CompletableFuture<>();

    // All below guarded by this.
    private JobState state = JobState.QUEUED;
    private ResolvedKernel source; // null once the job has ended
    private Kernel<Object, Object, Object, Object> kernel;
    private Object params;
    private List<Object> inputs = List.of();
    private int total;
    private Object[] outputs;
    private boolean[] delivered;
    private int[] attempts;
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();
    private final List<Lane> lanes = new ArrayList<>();
    private int done;
    private int retried;
    private int failed;
    private long computeNanos;
    private long endNanos;
    private JsonNode result;
    private JobError error;
    private ScheduledFuture<?> timeout;

    /**
     * One member's share of the job. Its credit (chunks in flight) starts at twice its threads and grows
     * for short chunks, so that a batch covers about {@link #TARGET_NANOS} of the member's work: tiny
     * chunks travel by the thousand, long ones a few at a time.
     */
    private static final class Lane {
        static final long TARGET_NANOS = 50_000_000L;
        static final int MAX_CREDIT = 20_000;

        final String node;
        MemberJob job; // null once the job has ended
        long startupMs; // kept when job goes
        final int threads;
        int credit;
        int inFlight;
        int chunks;
        long attempts;
        long computeNanos;

        Lane(String node, MemberJob job) {
            this.node = node;
            this.job = job;
            this.threads = Math.max(1, job.threads());
            this.credit = 2 * threads;
        }

        void record(long chunkNanos) {
            attempts++;
            computeNanos += chunkNanos;
            long average = Math.max(1_000, computeNanos / attempts);
            credit = (int) Math.max(2L * threads, Math.min(MAX_CREDIT, 2L * threads * TARGET_NANOS / average));
        }
    }

    JobRun(String id, Task task, ResolvedKernel source, List<Member> members, List<String> warnings, JobListener listener,
           Executor executor, ScheduledExecutorService timer) {
        this.id = id;
        this.task = task;
        this.source = source;
        this.members = List.copyOf(members);
        this.wantedLanes = task.nodes();
        this.warnings = List.copyOf(warnings);
        this.listeners.add(listener);
        this.executor = executor;
        this.timer = timer;
    }

    /** The job's id. */
    public String id() {
        return id;
    }

    /** The nodes the job has live chunks on now (none once it has ended). */
    public synchronized java.util.Set<String> activeNodes() {
        java.util.Set<String> nodes = new java.util.TreeSet<>();
        if (state == JobState.RUNNING) {
            for (Lane lane : lanes) {
                if (lane.job.alive()) {
                    nodes.add(lane.node);
                }
            }
        }
        return nodes;
    }

    /** Whether the job has reached a terminal state. */
    public boolean ended() {
        return completion.isDone();
    }

    /** When the job was accepted, in epoch milliseconds. */
    public long acceptedAtMillis() {
        return acceptedAtMillis;
    }

    /** The job's record as of now. */
    public synchronized JobRecord snapshot() {
        List<Placement> placement = new ArrayList<>();
        for (Lane lane : lanes) {
            placement.add(new Placement(lane.node, lane.chunks, TimeUnit.NANOSECONDS.toMillis(lane.computeNanos)));
        }
        long end = state.terminal() ? endNanos : System.nanoTime();
        long startupMs = 0;
        for (Lane lane : lanes) {
            startupMs = Math.max(startupMs, lane.job != null ? lane.job.startupMs() : lane.startupMs);
        }
        return new JobRecord(id, state, task, result, error, warnings,
                new ChunkCounts(total, done, retried, failed),
                new Timing(TimeUnit.NANOSECONDS.toMillis(end - acceptedNanos), startupMs,
                        TimeUnit.NANOSECONDS.toMillis(computeNanos)),
                placement);
    }

    /** Completes with the final record when the job reaches a terminal state. */
    public CompletableFuture<JobRecord> completion() {
        return completion.copy();
    }

    /** Cancels the job: its chunks stop on every member within a second. No effect once it has ended. */
    public void cancel() {
        finish(JobState.CANCELLED, new JobError("cancelled", "the job was cancelled", null), null);
    }

    void start() {
        executor.execute(this::begin);
    }

    private void begin() {
        ResolvedKernel resolved;
        synchronized (this) {
            if (state.terminal()) {
                return;
            }
            resolved = source;
        }
        try {
            Kernel<Object, Object, Object, Object> k = resolved.newInstance();
            ParamReader reader = new ParamReader(task.params());
            Object p = k.params(reader);
            if (!reader.ok()) {
                throw new IllegalArgumentException("params rejected: " + reader.problems());
            }
            List<Object> split = k.split(p, new SplitRequest(task.chunks(), task.seed()));
            if (split == null || split.isEmpty() || split.size() > task.chunks()) {
                throw new IllegalStateException("split returned " + (split == null ? "null" : split.size() + " chunks")
                        + " for " + task.chunks() + " asked");
            }
            synchronized (this) {
                if (state.terminal()) {
                    return;
                }
                kernel = k;
                params = p;
                inputs = List.copyOf(split);
                total = inputs.size();
                outputs = new Object[inputs.size()];
                delivered = new boolean[inputs.size()];
                attempts = new int[inputs.size()];
                for (int i = 0; i < inputs.size(); i++) {
                    pending.add(i);
                }
                state = JobState.RUNNING;
            }
        } catch (Throwable thrown) {
            finish(JobState.FAILED, new JobError("kernel", "split failed: " + Outcomes.describe(thrown), null), null);
            return;
        }
        task.timeoutDuration().ifPresent(limit -> {
            ScheduledFuture<?> scheduled = timer.schedule(
                    () -> finish(JobState.FAILED, new JobError("timeout", "the job ran longer than its timeout " + task.timeout(), null), null),
                    limit.toNanos(), TimeUnit.NANOSECONDS);
            synchronized (this) {
                timeout = scheduled;
            }
        });
        openLanes();
    }

    private void openLanes() {
        for (Member member : members) {
            openLane(member);
        }
        checkNodesLeft();
    }

    /**
     * A member that joined while the job runs: it gets a lane if the job has fewer live lanes than the
     * nodes it asked for.
     */
    void offer(Member member) {
        synchronized (this) {
            if (state != JobState.RUNNING || liveLanes() >= wantedLanes
                    || lanes.stream().anyMatch(lane -> lane.node.equals(member.name()) && lane.job.alive())) {
                return;
            }
        }
        executor.execute(() -> openLane(member));
    }

    private void openLane(Member member) {
        MemberJob job;
        try {
            job = member.open(id, task);
        } catch (RuntimeException e) {
            LOG.warn("job {}: member {} could not open the job: {}", id, member.name(), e.toString());
            return;
        }
        Lane lane = new Lane(member.name(), job);
        synchronized (this) {
            if (state == JobState.RUNNING) {
                lanes.add(lane);
                dispatch(lane);
                return;
            }
        }
        job.close();
    }

    private int liveLanes() {
        int live = 0;
        for (Lane lane : lanes) {
            if (lane.job.alive()) {
                live++;
            }
        }
        return live;
    }

    /** Fails the job when no member is left to run its remaining chunks. */
    private void checkNodesLeft() {
        synchronized (this) {
            if (state != JobState.RUNNING || liveLanes() > 0) {
                return;
            }
            for (Lane lane : lanes) {
                if (lane.inFlight > 0) {
                    return; // their outcomes are still to come
                }
            }
        }
        executor.execute(() -> finish(JobState.FAILED, new JobError("nodes-lost",
                "no node is left to run the job's remaining chunks", null), null));
    }

    /**
     * Tops the lane up to its credit once at least half of it is free, sending batches of half the credit:
     * outcomes arriving one by one refill the lane a batch at a time rather than a chunk at a time, and
     * two batches in flight keep the member busy while one of them travels or waits for its last chunk.
     * Caller holds the lock.
     */
    private void dispatch(Lane lane) {
        if (!lane.job.alive() || lane.inFlight > lane.credit / 2) {
            return;
        }
        int batch = Math.max(1, lane.credit / 2);
        int queued = 0;
        while (state == JobState.RUNNING && lane.inFlight < lane.credit && !pending.isEmpty()) {
            int index = pending.poll();
            attempts[index]++;
            lane.inFlight++;
            lane.job.submit(index, inputs.get(index))
                    .whenComplete((outcome, thrown) -> onOutcome(lane, index, outcome, thrown));
            if (++queued == batch) {
                lane.job.flush();
                queued = 0;
            }
        }
        if (queued > 0) {
            lane.job.flush();
        }
    }

    /** Tops every live lane up, the lane that just reported first. Caller holds the lock. */
    private void dispatchAll(Lane first) {
        dispatch(first);
        for (Lane lane : lanes) {
            if (lane != first) {
                dispatch(lane);
            }
        }
    }

    private void onOutcome(Lane lane, int index, ChunkOutcome outcome, Throwable thrown) {
        JobProgress progress;
        boolean allDone = false;
        JobError failure = null;
        boolean laneAlive;
        synchronized (this) {
            lane.inFlight--;
            if (state != JobState.RUNNING) {
                return;
            }
            if (outcome != null) {
                computeNanos += outcome.computeNanos();
                lane.record(outcome.computeNanos());
            }
            if (outcome instanceof ChunkOutcome.Done ok) {
                if (!delivered[index]) {
                    delivered[index] = true;
                    outputs[index] = ok.output();
                    done++;
                    lane.chunks++;
                    allDone = done == inputs.size();
                }
            } else if (!delivered[index]) {
                String why = outcome instanceof ChunkOutcome.Failed f ? f.message()
                        : thrown != null ? Outcomes.describe(thrown) : "the chunk was stopped on " + lane.node;
                if (attempts[index] >= task.maxAttempts()) {
                    failed++;
                    failure = new JobError("kernel", "chunk " + index + " failed after " + attempts[index]
                            + (attempts[index] == 1 ? " attempt: " : " attempts: ") + why, index);
                } else {
                    LOG.debug("job {}: chunk {} attempt {} failed, retrying: {}", id, index, attempts[index], why);
                    retried++;
                    pending.addFirst(index);
                }
            }
            if (failure == null && !allDone) {
                dispatchAll(lane);
            }
            progress = new JobProgress(done, inputs.size(), retried, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acceptedNanos));
            laneAlive = lane.job.alive();
        }
        if (failure != null) {
            JobError f = failure;
            executor.execute(() -> finish(JobState.FAILED, f, null));
            return;
        }
        if (!laneAlive) {
            checkNodesLeft();
        }
        for (JobListener listener : listeners) {
            listener.progress(progress);
        }
        if (allDone) {
            executor.execute(this::reduce);
        }
    }

    private void reduce() {
        JsonNode reduced;
        try {
            List<Object> ordered;
            Kernel<Object, Object, Object, Object> k;
            Object p;
            ValueCodec codec;
            synchronized (this) {
                if (state.terminal()) {
                    return;
                }
                ordered = Arrays.asList(outputs);
                k = kernel;
                p = params;
                codec = source.codec();
            }
            reduced = codec.resultTree(k.reduce(p, ordered));
        } catch (Throwable thrown) {
            finish(JobState.FAILED, new JobError("kernel", "reduce failed: " + Outcomes.describe(thrown), null), null);
            return;
        }
        finish(JobState.SUCCEEDED, null, reduced);
    }

    private void finish(JobState terminal, JobError why, JsonNode value) {
        List<Lane> toClose;
        ResolvedKernel toRelease;
        synchronized (this) {
            if (state.terminal()) {
                return;
            }
            state = terminal;
            error = why;
            result = value;
            endNanos = System.nanoTime();
            outputs = null; // the result holds what matters; let the outputs go
            kernel = null;
            params = null;
            inputs = List.of();
            toRelease = source;
            source = null;
            toClose = List.copyOf(lanes);
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        for (Lane lane : toClose) {
            try {
                lane.job.close();
            } catch (RuntimeException e) {
                LOG.warn("job {}: closing it on {} failed: {}", id, lane.node, e.toString());
            }
            synchronized (this) {
                lane.startupMs = lane.job.startupMs();
                lane.job = null;
            }
        }
        toRelease.close();
        JobRecord record = snapshot();
        LOG.info("job {} {} in {} ms", id, terminal, record.timing().wallMs());
        completion.complete(record);
        for (JobListener listener : listeners) {
            notifyFinished(listener, record);
        }
    }

    /**
     * Adds a listener for the rest of the job; a job that has already ended calls {@code finished} at once.
     *
     * @return removes the listener
     */
    public Runnable subscribe(JobListener listener) {
        listeners.add(listener);
        if (completion.isDone()) {
            listeners.remove(listener);
            notifyFinished(listener, completion.join());
        }
        return () -> listeners.remove(listener);
    }

    private void notifyFinished(JobListener listener, JobRecord record) {
        try {
            listener.finished(record);
        } catch (RuntimeException e) {
            LOG.warn("job {}: a listener failed: {}", id, e.toString());
        }
    }
}
