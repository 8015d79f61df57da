package dev.gridexec.scheduler;

import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.runtime.ChunkOutcome;
import java.util.List;

/**
 * A started job's work in memory on this coordinator, from its split to its end: the kernel split, the chunk ledger,
 * the dispatcher over the job's lanes and the folder of chunk outcomes. {@link JobRun} drops it when the job ends, so
 * that the job keeps nothing of its kernel's classes (inputs, outputs, params, kernel).
 *
 * <p>Guarded by the job's monitor: every method is called with {@link JobRun}'s monitor held.
 *
 * @param dispatcher works on {@code ledger}
 * @param folder works on {@code ledger}
 * @param lanes where new lanes are added
 */
record RunningWork(KernelSplit split, ChunkLedger ledger, Dispatcher dispatcher, OutcomeFolder folder, JobLanes lanes) {

    boolean allDone() {
        return ledger.allDone();
    }

    /** The outputs in chunk order, once {@link #allDone}. */
    List<Object> outputs() {
        return ledger.outputs();
    }

    ChunkCounts counts() {
        return ledger.counts();
    }

    /** The job's progress, {@code elapsedMs} after it was accepted. */
    JobProgress progress(long elapsedMs) {
        return new JobProgress(ledger.done(), ledger.total(), ledger.retried(), elapsedMs);
    }

    /** Nodes with a live lane. */
    int liveLanes() {
        return dispatcher.liveLanes();
    }

    /** Opens a lane on each member's session that opened (null: none), then dispatches to all of them at once. */
    void openLanes(List<Member> members, List<MemberJob> opened) {
        for (int i = 0; i < members.size(); i++) {
            if (opened.get(i) != null) {
                lanes.add(dispatcher.open(members.get(i).name(), opened.get(i)));
            }
        }
        dispatcher.dispatchAll(null);
    }

    /** Whether {@code member}, joining now, is to get a lane: the job has fewer live lanes than {@code nodes}, none on it. */
    boolean takes(Member member, int nodes) {
        return dispatcher.liveLanes() < nodes && !lanes.liveOn(member.name());
    }

    /** Opens a lane on a joining member's session and dispatches to it first. */
    void openLane(Member member, MemberJob job) {
        Lane lane = dispatcher.open(member.name(), job);
        lanes.add(lane);
        dispatcher.dispatchAll(lane);
    }

    /** Copies the chunks of late batches to other nodes, unless all are done; returns how many. */
    int checkStragglers(long now) {
        return ledger.allDone() ? 0 : dispatcher.checkStragglers(now);
    }

    /**
     * Folds a chunk attempt's outcome (see {@link OutcomeFolder#fold}); when {@code dispatchMore} and the job neither
     * failed nor is done, tops the lanes back up, {@code lane} first.
     */
    OutcomeFolder.Folded fold(Lane lane, Lane.Sent sent, ChunkOutcome outcome, Throwable thrown, boolean dispatchMore) {
        OutcomeFolder.Folded folded = folder.fold(lane, sent, outcome, thrown);
        if (dispatchMore && folded.failure() == null && !folded.allDone()) {
            dispatcher.dispatchAll(lane);
        }
        return folded;
    }
}
