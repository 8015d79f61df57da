package dev.gridexec.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobError;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.jobstore.Journal;
import dev.gridexec.jobstore.Ledger;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job from acceptance to its terminal state: QUEUED until placed, then split, dispatched over its lanes, retried,
 * reduced. This class is the job's lifecycle and record: its state, its result or error, its listeners, its end.
 *
 * <p>Design: all bookkeeping is in memory under this object's lock, kept in the parts it is made of, none of which has a
 * lock of its own: {@link RunningWork}, {@link JobLanes} and {@link JobClock} are only called with this monitor held;
 * {@link JobDispatch} (split, chunks out and back, reduce), {@link JobNodes} (nodes leaving and joining) and
 * {@link JobHandOver} (leaving the job to another coordinator) take it, and say which of their methods are called with
 * it held. Package-private methods here that say "called with this monitor held" must be; the others are called
 * without it (a few take it again, which is harmless). Under it, as before these parts were split out, only
 * {@link JobTimers}' monitor (a leaf) and, through the {@link Dispatcher}, a member job's submit and flush are called;
 * a kernel's split and reduce, sessions opened and closed, and listeners run outside it. When the job ends it closes
 * its kernel and drops every object of the kernel's classes (kernel, params, inputs, outputs, member jobs), so that the
 * record it keeps for the retention does not keep an artifact's classes alive. An adopted job starts from its
 * {@link Journal} (see {@link JournalRestore}).
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
    private final JobHandOver leave;
    private final JobNodes nodes;
    private final JobDispatch dispatch;
    private final Ledger ledgerLog;
    private final CompletableFuture<JobRecord> completion = new CompletableFuture<>();
    private volatile IntSupplier queuePosition = () -> 0;

    // All below guarded by this.
    private JobState state = JobState.QUEUED;
    private JobKernel source; // null once the job has ended or been relinquished
    private RunningWork work; // null until split and once ended
    private final JobLanes lanes = new JobLanes();
    private ChunkCounts counts = new ChunkCounts(0, 0, 0, 0);
    private JsonNode result;
    private JobError error;

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
        this.leave = new JobHandOver(this, lanes, timers, listeners);
        this.nodes = new JobNodes(this, lanes, leave, sessions, timers, executor, settings.nodeWait());
        this.dispatch = new JobDispatch(this, settings, origin.journal(), ledgerLog, lanes, clock, timers, nodes, leave, listeners, executor);
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

    /** The job's queue position now (0: not queued); asked without this monitor: the queue's lock comes first. */
    int position() {
        return queuePosition.getAsInt();
    }

    /** The job's record as of now. */
    public JobRecord snapshot() {
        int position = position();
        synchronized (this) {
            return record(position);
        }
    }

    /** The job's record, {@code queued} its queue position; called with this monitor held. */
    JobRecord record(int queued) {
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

    /** Starts the job on {@code placed}: splits it, opens a lane on each member, dispatches (see {@link JobDispatch}). */
    void start(List<Member> placed) {
        synchronized (this) {
            if (state != JobState.QUEUED || leave.leaving()) {
                return;
            }
            nodes.place(placed);
            state = JobState.RUNNING; // admitted: its workers are reserved; it splits next
        }
        executor.execute(dispatch::begin);
    }

    /** A member that joined while the job runs (see {@link JobNodes#offer}); returns whether the job takes it. */
    boolean offer(Member member) {
        return nodes.offer(member);
    }

    /** How the job leaves this coordinator without ending here: hand-over, relinquish, abandon. */
    JobHandOver leave() {
        return leave;
    }

    /** The kernel to split with, or null once the job has ended or left; called with this monitor held. */
    JobKernel kernel() {
        return state.terminal() || leave.released() ? null : source;
    }

    /** The job has split into {@code running}; called with this monitor held. */
    void started(RunningWork running) {
        work = running;
    }

    /** The running work while the job runs and gives chunks to nodes, else null; called with this monitor held. */
    RunningWork dispatching() {
        return state == JobState.RUNNING && !leave.leaving() ? work : null;
    }

    /** The running work while the job runs (leaving or not), else null; called with this monitor held. */
    RunningWork running() {
        return state == JobState.RUNNING ? work : null;
    }

    /** Lets the job's kernel go (the caller closes it, outside this monitor); called with this monitor held. */
    JobKernel letKernelGo() {
        JobKernel kernel = source;
        source = null;
        return kernel;
    }

    /** The job's timeout: while it waits for a node that is what failed it. */
    void timedOut() {
        fail(nodes.timedOut(task.timeout()));
    }

    /** Ends the job FAILED for {@code why}; no effect once it has ended or left. */
    void fail(JobError why) {
        finish(JobState.FAILED, why, null);
    }

    /** Ends the job SUCCEEDED with its reduced result; no effect once it has ended or left. */
    void succeed(JsonNode reduced) {
        finish(JobState.SUCCEEDED, null, reduced);
    }

    private void finish(JobState terminal, JobError why, JsonNode value) {
        List<Lane> toClose;
        JobKernel toRelease;
        synchronized (this) {
            if (state.terminal() || leave.released()) {
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
            nodes.clear();
            toRelease = letKernelGo();
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

    /**
     * Adds a listener for the rest of the job; a job that has already ended calls {@code finished} at once.
     *
     * @return removes the listener
     */
    public Runnable subscribe(JobListener listener) {
        return listeners.subscribe(listener);
    }
}
