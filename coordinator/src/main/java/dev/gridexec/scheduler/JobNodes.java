package dev.gridexec.scheduler;

import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobError;
import dev.gridexec.task.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes a running job runs on: the members it was placed on (a lane opened on each), a member that joins while it
 * runs, and what happens when every node running it is gone: it waits {@code node-wait} for one to join, keeping its
 * finished chunks, then fails {@code nodes-lost}. Its own reason to change: how a job rides out nodes leaving and
 * joining, apart from how it dispatches to them.
 *
 * <p>Locking: it has no lock of its own. Its state (the placed members) is guarded by its {@link JobRun}'s monitor:
 * {@link #place} and {@link #clear} are called with that monitor held; every other method is called without it and
 * takes it, and never holds it while a member opens or closes a session. {@link JobTimers}' monitor, a leaf, is taken
 * under it.
 */
final class JobNodes {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final JobRun run;
    private final JobLanes lanes;
    private final JobHandOver leave;
    private final MemberSessions sessions;
    private final JobTimers timers;
    private final Executor executor;
    private final Duration nodeWait;
    private List<Member> placed = List.of(); // guarded by run

    JobNodes(JobRun run, JobLanes lanes, JobHandOver leave, MemberSessions sessions, JobTimers timers, Executor executor,
             Duration nodeWait) {
        this.run = run;
        this.lanes = lanes;
        this.leave = leave;
        this.sessions = sessions;
        this.timers = timers;
        this.executor = executor;
        this.nodeWait = nodeWait;
    }

    /** The job was placed on {@code members}; called with the job's monitor held. */
    void place(List<Member> members) {
        placed = List.copyOf(members);
    }

    /** The job has ended: it holds no members any more; called with the job's monitor held. */
    void clear() {
        placed = List.of();
    }

    /** Opens a lane on every placed member, then dispatches to all of them at once (so no lane starts with the whole queue). */
    void openLanes() {
        List<Member> members;
        synchronized (run) {
            members = placed;
        }
        List<MemberJob> opened = sessions.openAll(members, run.task());
        boolean running;
        boolean leaving;
        synchronized (run) {
            leaving = leave.leaving();
            RunningWork work = run.dispatching();
            running = work != null;
            if (running) {
                work.openLanes(members, opened);
            }
        }
        if (!running && !leaving) { // a job handed over keeps its sessions on the nodes for the adopter
            MemberSessions.closeUnused(opened);
        }
        checkLeft();
    }

    /**
     * A member that joined while the job runs: it gets a lane if the job has fewer live lanes than the nodes it asked
     * for.
     *
     * @return whether the job takes the member
     */
    boolean offer(Member member) {
        synchronized (run) {
            RunningWork work = run.dispatching();
            if (work == null || !work.takes(member, run.task().nodes())) {
                return false;
            }
        }
        executor.execute(() -> {
            MemberJob job = sessions.open(member, run.task());
            if (job == null) {
                return;
            }
            synchronized (run) {
                RunningWork work = run.dispatching();
                if (work != null) {
                    work.openLane(member, job);
                    if (timers.nodesBack()) {
                        LOG.info("job {}: node {} joined; the job goes on", run.id(), member.name());
                        run.warn("node " + member.name() + " joined; the job went on");
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
    void checkLeft() {
        synchronized (run) {
            RunningWork work = run.running();
            if (work == null || work.liveLanes() > 0 || lanes.anyInFlight()) {
                return; // running on a node, or outcomes still to come
            }
            if (!nodeWait.isZero()) {
                if (timers.waitForNodes(nodeWait, this::noNodeCame)) {
                    ChunkCounts now = work.counts();
                    String done = now.done() + " of " + now.total() + " chunks";
                    LOG.warn("job {}: every node running it is gone; it waits up to {} for a node ({} done)", run.id(), nodeWait, done);
                    run.warn("every node running the job is gone; it waits up to " + Durations.shorthand(nodeWait)
                            + " (node-wait) for a node to join, keeping its " + done + " done");
                }
                return;
            }
        }
        executor.execute(() -> run.fail(new JobError("nodes-lost", "no node is left to run the job's remaining chunks", null)));
    }

    /** The node wait is over: fails the job unless a node came meanwhile. */
    private void noNodeCame() {
        synchronized (run) {
            RunningWork work = run.running();
            if (work == null || work.liveLanes() > 0) {
                return;
            }
        }
        run.fail(new JobError("nodes-lost", "every node running the job is gone and none joined within "
                + Durations.shorthand(nodeWait) + " (node-wait)", null));
    }

    /** Why the job's timeout {@code timeout} failed it: while it waits for a node, that it lost its nodes. */
    JobError timedOut(String timeout) {
        return timers.waitingForNodes()
                ? new JobError("nodes-lost", "every node running the job is gone and none joined before its timeout " + timeout, null)
                : new JobError("timeout", "the job ran longer than its timeout " + timeout, null);
    }
}
