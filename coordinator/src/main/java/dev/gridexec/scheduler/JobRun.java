package dev.gridexec.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.jobs.ChunkCounts;
import dev.gridexec.jobs.JobError;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.jobs.JobState;
import dev.gridexec.jobstore.Journal;
import dev.gridexec.jobstore.Ledger;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.Outcomes;
import dev.gridexec.task.Durations;
import dev.gridexec.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job from acceptance to its terminal state: QUEUED until placed, then split, dispatched over its lanes
 * (see {@link Dispatcher}), retried, reduced.
 *
 * <p>Design: all bookkeeping is in memory under this object's lock, kept in the parts it is made of ({@link RunningWork},
 * {@link JobLanes}, {@link JobClock}), which are only called with that lock held; members complete chunk futures on
 * their own threads, and {@link #onOutcome} folds each outcome in (see {@link OutcomeFolder}) and tops the lanes back
 * up. Outputs are reduced in chunk order once all are in. When the job ends it closes its kernel and drops every object
 * of the kernel's classes (kernel, params, inputs, outputs, member jobs), so that the record it keeps for the retention
 * does not keep an artifact's classes alive.
 *
 * <p>An adopted job starts from its {@link Journal} (see {@link JournalRestore}); {@link #handOver} stops a job for
 * another coordinator to adopt without losing any finished chunk.
 */
public final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final String id;
    private volatile Task task; // as accepted, then as admitted (workers capped at the nodes' capacity)
    private final List<String> warnings;
    private final JobListeners listeners;
    private final Executor executor;
    private final JobTimers timers;
    private final SchedulerSettings settings;
    private final JobClock clock;
    private final JobOrigin origin;
    private final MemberSessions sessions;
    private final Ledger ledgerLog;
    private final CompletableFuture<JobRecord> completion = new CompletableFuture<>();
    private volatile IntSupplier queuePosition = () -> 0;

    // All below guarded by this.
    private JobState state = JobState.QUEUED;
    private JobKernel source; // null once the job has ended or been relinquished
    private List<Member> members = List.of();
    private RunningWork work; // null until split and once ended
    private final JobLanes lanes = new JobLanes();
    private ChunkCounts counts = new ChunkCounts(0, 0, 0, 0);
    private JsonNode result;
    private JobError error;
    private boolean handingOver; // no more dispatch: the job waits for its chunks in flight, then is left to an adopter
    private boolean released; // handed over: nothing more happens here

    JobRun(String id, Task task, JobKernel source, List<String> warnings, JobListener listener,
           Executor executor, ScheduledExecutorService timer, SchedulerSettings settings,
           JobOrigin origin, Ledger ledgerLog) {
        this.id = id;
        this.task = task;
        this.source = source;
        this.warnings = new ArrayList<>(warnings);
        this.listeners = new JobListeners(id, completion, listener);
        this.executor = executor;
        this.timers = new JobTimers(timer);
        this.settings = settings;
        this.origin = origin;
        this.sessions = new MemberSessions(id);
        this.ledgerLog = ledgerLog;
        this.clock = new JobClock(origin.acceptedAtMillis());
    }

    /** The job's id. */
    public String id() {
        return id;
    }

    /** The task as it runs (its workers capped at its nodes' capacity when it asked for more). */
    public Task task() {
        return task;
    }

    /** Replaces the task before the job starts (admission caps its workers). */
    synchronized void retask(Task admitted) {
        if (state == JobState.QUEUED) {
            task = admitted;
        }
    }

    /** The nodes the job has live chunks on now (none once it has ended). */
    public synchronized Set<String> activeNodes() {
        return state == JobState.RUNNING ? lanes.liveNodes() : new TreeSet<>();
    }

    /**
     * The nodes whose chunks are persistently slower than the other nodes' in this job now, or that hold chunks and
     * have answered none for the unresponsive time (none once it has ended).
     */
    public synchronized Set<String> slowNodes() {
        return state == JobState.RUNNING ? lanes.slowNodes(work != null ? work.dispatcher() : null, System.nanoTime()) : new TreeSet<>();
    }

    /** Where the job is now. */
    public synchronized JobState state() {
        return state;
    }

    /** Whether the job has reached a terminal state. */
    public boolean ended() {
        return completion.isDone();
    }

    /** When the job was accepted, in epoch milliseconds. */
    public long acceptedAtMillis() {
        return clock.acceptedAtMillis();
    }

    /** Where the job's queue position comes from while it is QUEUED (1: next to start). */
    void queuePosition(IntSupplier position) {
        this.queuePosition = position;
    }

    /** The job's record as of now. */
    public JobRecord snapshot() {
        int position = queuePosition.getAsInt(); // outside this lock: the queue's lock comes first
        synchronized (this) {
            return snapshot(position);
        }
    }

    /** The job's record; called with this monitor held. */
    private JobRecord snapshot(int queued) {
        Integer position = state == JobState.QUEUED && queued > 0 ? queued : null;
        return new JobRecord(id, state, task, result, error, warnings, work != null ? work.counts() : counts,
                clock.timing(state.terminal(), lanes.startupMs()), lanes.placement(), settings.dispatch().name(), position,
                origin.owner(), origin.adoptions() > 0 ? origin.adoptions() : null, clock.acceptedAt());
    }

    /** Completes with the final record when the job reaches a terminal state. */
    public CompletableFuture<JobRecord> completion() {
        return completion.copy();
    }

    /** Cancels the job (queued or running): its chunks stop on every member within a second. No effect once it has ended. */
    public void cancel() {
        finish(JobState.CANCELLED, new JobError("cancelled", "the job was cancelled", null), null);
    }

    /** Adds a warning to the job's record. */
    synchronized void warn(String warning) {
        warnings.add(warning);
    }

    /** Starts the job on {@code placed}: splits it, opens a lane on each member, dispatches. */
    void start(List<Member> placed) {
        synchronized (this) {
            if (state != JobState.QUEUED || handingOver) {
                return;
            }
            members = List.copyOf(placed);
            state = JobState.RUNNING; // admitted: its workers are reserved; it splits next
        }
        executor.execute(this::begin);
    }

    private void begin() {
        JobKernel kernel;
        synchronized (this) {
            if (state.terminal() || released) {
                return;
            }
            kernel = source;
        }
        try {
            KernelSplit split = kernel.split(task);
            synchronized (this) {
                if (state.terminal()) {
                    return;
                }
                Journal journal = origin.journal();
                ChunkLedger ledger = new ChunkLedger(split.chunks(), JournalRestore.outputs(id, journal, split.chunks(),
                        split::decodeOutput), journal.rerun());
                Dispatcher dispatcher = new Dispatcher(settings.dispatch(), settings.stragglers(), ledger, split.inputs(), this::onOutcome);
                work = new RunningWork(split, ledger, dispatcher,
                        new OutcomeFolder(id, ledger, dispatcher, split::encodeOutput, ledgerLog, task.maxAttempts()), lanes);
            }
        } catch (Throwable thrown) {
            finish(JobState.FAILED, new JobError("kernel", "split failed: " + describe(thrown), null), null);
            return;
        }
        timers.start(task.timeoutDuration(), this::timedOut, this::checkStragglers);
        boolean allDone;
        synchronized (this) {
            allDone = work != null && work.allDone();
        }
        if (allDone) { // adopted with every output in its ledger
            reduce();
            return;
        }
        openLanes();
    }

    /** Runs on the scheduler's timer: copies the chunks of late batches to other nodes (see {@link Dispatcher#checkStragglers}). */
    private void checkStragglers() {
        try {
            synchronized (this) {
                if (state == JobState.RUNNING && work != null && !handingOver) {
                    int copies = work.checkStragglers(System.nanoTime());
                    if (copies > 0) {
                        LOG.debug("job {}: {} straggling chunks copied to other nodes", id, copies);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("job {}: looking for stragglers failed: {}", id, e.toString()); // never kill the timer's schedule
        }
    }

    /** Opens a lane on every member, then dispatches to all of them at once (so no lane starts with the whole queue). */
    private void openLanes() {
        List<Member> placed;
        synchronized (this) {
            placed = members;
        }
        List<MemberJob> opened = sessions.openAll(placed, task);
        boolean running;
        boolean leaving;
        synchronized (this) {
            leaving = handingOver;
            running = state == JobState.RUNNING && !handingOver;
            if (running) {
                work.openLanes(placed, opened);
            }
        }
        if (!running && !leaving) { // a job handed over keeps its sessions on the nodes for the adopter
            MemberSessions.closeUnused(opened);
        }
        checkNodesLeft();
    }

    /**
     * A member that joined while the job runs: it gets a lane if the job has fewer live lanes than the
     * nodes it asked for.
     *
     * @return whether the job takes the member
     */
    boolean offer(Member member) {
        synchronized (this) {
            if (state != JobState.RUNNING || handingOver || work == null || !work.takes(member, task.nodes())) {
                return false;
            }
        }
        executor.execute(() -> {
            MemberJob job = sessions.open(member, task);
            if (job == null) {
                return;
            }
            synchronized (this) {
                if (state == JobState.RUNNING && !handingOver) {
                    work.openLane(member, job);
                    if (timers.nodesBack()) {
                        LOG.info("job {}: node {} joined; the job goes on", id, member.name());
                        warnings.add("node " + member.name() + " joined; the job went on");
                    }
                    return;
                }
            }
            job.close();
        });
        return true;
    }

    /**
     * When no member is left to run the job's remaining chunks: waits {@code node-wait} (or until its timeout) for a
     * node to join, keeping its finished chunks, then fails it {@code nodes-lost}.
     */
    private void checkNodesLeft() {
        Duration wait = settings.nodeWait();
        synchronized (this) {
            if (state != JobState.RUNNING || work.liveLanes() > 0) {
                return;
            }
            if (lanes.anyInFlight()) {
                return; // their outcomes are still to come
            }
            if (!wait.isZero()) {
                if (timers.waitForNodes(wait, this::noNodeCame)) {
                    ChunkCounts now = work.counts();
                    String done = now.done() + " of " + now.total() + " chunks";
                    LOG.warn("job {}: every node running it is gone; it waits up to {} for a node ({} done)", id, wait, done);
                    warnings.add("every node running the job is gone; it waits up to " + Durations.shorthand(wait)
                            + " (node-wait) for a node to join, keeping its " + done + " done");
                }
                return;
            }
        }
        executor.execute(() -> finish(JobState.FAILED, new JobError("nodes-lost",
                "no node is left to run the job's remaining chunks", null), null));
    }

    /** The node wait is over: fails the job unless a node came meanwhile. */
    private void noNodeCame() {
        synchronized (this) {
            if (state != JobState.RUNNING || work == null || work.liveLanes() > 0) {
                return;
            }
        }
        finish(JobState.FAILED, new JobError("nodes-lost", "every node running the job is gone and none joined within "
                + Durations.shorthand(settings.nodeWait()) + " (node-wait)", null), null);
    }

    /** The job's timeout: while it waits for a node that is what failed it. */
    private void timedOut() {
        if (timers.waitingForNodes()) {
            finish(JobState.FAILED, new JobError("nodes-lost", "every node running the job is gone and none joined before its"
                    + " timeout " + task.timeout(), null), null);
        } else {
            finish(JobState.FAILED, new JobError("timeout", "the job ran longer than its timeout " + task.timeout(), null), null);
        }
    }

    private void onOutcome(Lane lane, Lane.Sent sent, ChunkOutcome outcome, Throwable thrown) {
        OutcomeFolder.Folded folded;
        JobProgress progress;
        boolean laneAlive;
        synchronized (this) {
            lane.inFlight--;
            if (state != JobState.RUNNING || released) {
                return;
            }
            if (outcome != null) {
                clock.computed(outcome.computeNanos());
            }
            folded = work.fold(lane, sent, outcome, thrown, !handingOver);
            if (handingOver) {
                notifyAll(); // handOver waits for the last chunk in flight
            }
            progress = work.progress(clock.elapsedMillis());
            laneAlive = lane.alive();
        }
        if (folded.failure() != null) {
            executor.execute(() -> finish(JobState.FAILED, folded.failure(), null));
            return;
        }
        if (!laneAlive) {
            checkNodesLeft();
        }
        listeners.progress(progress);
        if (folded.allDone()) {
            executor.execute(this::reduce);
        }
    }

    private void reduce() {
        JsonNode reduced;
        try {
            List<Object> ordered;
            KernelSplit k;
            synchronized (this) {
                if (state.terminal() || released) {
                    return;
                }
                ordered = work.outputs();
                k = work.split();
            }
            reduced = k.reduce(ordered);
        } catch (Throwable thrown) {
            finish(JobState.FAILED, new JobError("kernel", "reduce failed: " + describe(thrown), null), null);
            return;
        }
        finish(JobState.SUCCEEDED, null, reduced);
    }

    /** What a kernel call threw, for the job's error: a node's answer as it came, else what and where. */
    private static String describe(Throwable thrown) {
        return thrown instanceof KernelCallException ? thrown.getMessage() : Outcomes.describe(thrown);
    }

    private void finish(JobState terminal, JobError why, JsonNode value) {
        List<Lane> toClose;
        JobKernel toRelease;
        synchronized (this) {
            if (state.terminal() || released) {
                return;
            }
            state = terminal;
            error = why;
            result = value;
            clock.end();
            if (work != null) {
                counts = work.counts();
            }
            work = null; // the result holds what matters; let the kernel, its inputs and outputs go
            members = List.of();
            toRelease = source;
            source = null;
            toClose = lanes.copy();
            timers.cancel();
        }
        for (Lane lane : toClose) {
            sessions.close(lane);
            synchronized (this) {
                lane.release();
            }
        }
        toRelease.close();
        ledgerLog.drop(id);
        JobRecord record = snapshot();
        LOG.info("job {} {} in {} ms", id, terminal, record.timing().wallMs());
        completion.complete(record);
        listeners.finished(record);
    }

    /** Makes the job inert at once: nothing it hears changes it any more (what a killed coordinator leaves; tests). */
    synchronized void abandon() {
        handingOver = true;
        released = true;
    }

    /**
     * Stops the job here at once because another coordinator owns it now: nothing more is sent, what comes back is
     * ignored, its kernel is let go, the nodes are not told (the owner's chunks run in the same session there), and
     * its listeners hear {@link JobListener#moved}.
     *
     * @return false when it had already ended or been handed over (nothing done)
     */
    boolean relinquish() {
        JobKernel toRelease;
        synchronized (this) {
            if (state.terminal() || released) {
                return false;
            }
            handingOver = true;
            released = true;
            timers.cancel();
            toRelease = source;
            source = null;
        }
        toRelease.close();
        LOG.warn("job {}: its stored record has ended or names another owner; it stops running here", id);
        listeners.moved();
        return true;
    }

    /** Stops giving the job's chunks to nodes (the first step of {@link #handOver}); chunks in flight go on. */
    synchronized void stopDispatching() {
        handingOver = true;
    }

    /**
     * Leaves the job to another coordinator: no chunk is sent any more, the chunks in flight are awaited until
     * {@code deadlineNanos} (their outputs reach the ledger), and then nothing more happens here: no state change, no
     * listener called, the nodes not told (the adopter's chunks run in the same session there). A job that ends while
     * it waits (its last chunks came in, or it was cancelled) ends as usual.
     *
     * @return the record to store for the adopter, or null when the job ended here
     */
    JobRecord handOver(long deadlineNanos) {
        int position = queuePosition.getAsInt();
        synchronized (this) {
            handingOver = true;
            while (!state.terminal() && lanes.inFlight() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("job {}: {} chunks still in flight when handed over; the adopter runs them again", id, lanes.inFlight());
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (state.terminal() || (work != null && work.allDone())) {
                return null; // it ends here (its reduce is on its way)
            }
            released = true;
            timers.cancel();
            return snapshot(position);
        }
    }

    /**
     * Adds a listener for the rest of the job; a job that has already ended calls {@code finished} at once.
     *
     * @return removes the listener
     */
    public Runnable subscribe(JobListener listener) {
        return listeners.subscribe(listener);
    }
}
