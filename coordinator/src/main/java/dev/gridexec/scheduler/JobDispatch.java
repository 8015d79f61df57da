package dev.gridexec.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.wire.JobError;
import dev.gridexec.jobstore.Journal;
import dev.gridexec.jobstore.Ledger;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.Outcomes;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started job's way through its kernel and its nodes: split (restoring what an adopted job's {@link Journal}
 * holds), chunks dispatched over its lanes, stragglers copied on the timer, each chunk
 * attempt's outcome folded in (see {@link OutcomeFolder}) and, once all are in, the outputs reduced in chunk order. Its
 * own reason to change: how a job runs, apart from its lifecycle and record ({@link JobRun}).
 *
 * <p>Locking: it has no lock or state of its own; the job's work is its {@link JobRun}'s, guarded by that job's
 * monitor. Every method here is called without that monitor and takes it; a kernel's split and reduce run outside it.
 * Members complete chunk futures on their own threads: {@link #outcome} is the {@link Dispatcher.Sink} they call.
 */
final class JobDispatch implements Dispatcher.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final JobRun run;
    private final SchedulerSettings settings;
    private final Journal journal;
    private final Ledger ledgerLog;
    private final JobLanes lanes;
    private final JobClock clock;
    private final JobTimers timers;
    private final JobNodes nodes;
    private final JobHandOver leave;
    private final JobListeners listeners;
    private final Executor executor;

    JobDispatch(JobRun run, SchedulerSettings settings, Journal journal, Ledger ledgerLog, JobLanes lanes, JobClock clock, JobTimers timers,
                JobNodes nodes, JobHandOver leave, JobListeners listeners, Executor executor) {
        this.run = run;
        this.settings = settings;
        this.journal = journal;
        this.ledgerLog = ledgerLog;
        this.lanes = lanes;
        this.clock = clock;
        this.timers = timers;
        this.nodes = nodes;
        this.leave = leave;
        this.listeners = listeners;
        this.executor = executor;
    }

    /** Splits the started job, then opens its lanes (or reduces at once an adopted job whose outputs are all in). */
    void begin() {
        JobKernel kernel;
        synchronized (run) {
            kernel = run.kernel();
            if (kernel == null) {
                return; // ended or left before it split
            }
        }
        RunningWork work;
        try {
            KernelSplit split = kernel.split(run.task());
            synchronized (run) {
                if (run.state().terminal()) {
                    return;
                }
                ChunkLedger ledger = new ChunkLedger(split.chunks(), JournalRestore.outputs(run.id(), journal, split.chunks(),
                        split.values()::decodeOutput), journal.rerun());
                Dispatcher dispatcher = new Dispatcher(settings.dispatch(), settings.stragglers(), ledger, split.inputs(), this);
                work = new RunningWork(split, ledger, dispatcher, new OutcomeFolder(run.id(), ledger, dispatcher,
                        split.values()::encode, ledgerLog, run.task().maxAttempts()), lanes);
                run.started(work);
            }
        } catch (Throwable thrown) {
            run.fail(new JobError("kernel", "split failed: " + describe(thrown), null));
            return;
        }
        timers.start(run.task().timeoutDuration(), run::timedOut, this::checkStragglers);
        boolean allDone;
        synchronized (run) {
            allDone = work.allDone();
        }
        if (allDone) { // adopted with every output in its ledger
            reduce();
            return;
        }
        nodes.openLanes();
    }

    /** Runs on the scheduler's timer: copies the chunks of late batches to other nodes (see {@link Stragglers}). */
    private void checkStragglers() {
        try {
            synchronized (run) {
                RunningWork work = run.dispatching();
                if (work != null) {
                    int copies = work.checkStragglers(System.nanoTime());
                    if (copies > 0) {
                        LOG.debug("job {}: {} straggling chunks copied to other nodes", run.id(), copies);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("job {}: looking for stragglers failed: {}", run.id(), e.toString()); // never kill the timer's schedule
        }
    }

    /** A chunk attempt's outcome, on the member's thread: folded in, the lanes topped up, the job reduced once all are in. */
    @Override
    public void outcome(Lane lane, Lane.Sent sent, ChunkOutcome outcome, Throwable thrown) {
        OutcomeFolder.Folded folded;
        JobProgress progress;
        boolean laneAlive;
        synchronized (run) {
            lane.inFlight--;
            RunningWork work = run.running();
            if (work == null || leave.released()) {
                return;
            }
            if (outcome != null) {
                clock.computed(outcome.computeNanos());
            }
            boolean leaving = leave.leaving();
            folded = work.fold(lane, sent, outcome, thrown, !leaving);
            if (leaving) {
                run.notifyAll(); // a hand-over waits for the last chunk in flight
            }
            progress = work.progress(clock.elapsedMillis());
            laneAlive = lane.alive();
        }
        if (folded.failure() != null) {
            executor.execute(() -> run.fail(folded.failure()));
            return;
        }
        if (!laneAlive) {
            nodes.checkLeft();
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
            KernelSplit split;
            synchronized (run) {
                RunningWork work = run.running();
                if (work == null || leave.released()) {
                    return;
                }
                ordered = work.outputs();
                split = work.split();
            }
            reduced = split.reduce(ordered);
        } catch (Throwable thrown) {
            run.fail(new JobError("kernel", "reduce failed: " + describe(thrown), null));
            return;
        }
        run.succeed(reduced);
    }

    /** What a kernel call threw, for the job's error: a node's answer as it came, else what and where. */
    private static String describe(Throwable thrown) {
        return thrown instanceof KernelCallException ? thrown.getMessage() : Outcomes.describe(thrown);
    }
}
