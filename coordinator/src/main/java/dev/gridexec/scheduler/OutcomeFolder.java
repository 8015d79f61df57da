package dev.gridexec.scheduler;

import dev.gridexec.wire.JobError;
import dev.gridexec.jobstore.Ledger;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.Outcomes;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the outcome of one chunk attempt into a running job's {@link ChunkLedger} and {@link Dispatcher}: a chunk a
 * node refused unstarted is handed back uncounted; every other attempt, however it ended, counts toward
 * {@code maxAttempts} (a speculative copy is no attempt); an output that arrives twice for one chunk counts once. Every chunk's first output
 * also goes to the {@link Ledger} (encoded and written off this path), so that a coordinator that adopts the job after
 * this one leaves runs only what is missing.
 *
 * <p>Guarded by the job's monitor: {@link #fold} is called with {@link JobRun}'s monitor held, while the job runs here.
 */
final class OutcomeFolder {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeFolder.class);

    /**
     * What one outcome left.
     *
     * @param allDone whether it delivered the job's last missing output
     * @param failure why the job fails, when the chunk has failed its last attempt; else null
     */
    record Folded(boolean allDone, JobError failure) {
    }

    private final String jobId;
    private final ChunkLedger ledger;
    private final Dispatcher dispatcher;
    private final Function<Object, byte[]> encode;
    private final Ledger ledgerLog;
    private final int maxAttempts;

    OutcomeFolder(String jobId, ChunkLedger ledger, Dispatcher dispatcher, Function<Object, byte[]> encode, Ledger ledgerLog,
                  int maxAttempts) {
        this.jobId = jobId;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.encode = encode;
        this.ledgerLog = ledgerLog;
        this.maxAttempts = maxAttempts;
    }

    /** Folds the outcome of {@code sent} on {@code lane}: {@code outcome}, or {@code thrown} when it has none. */
    Folded fold(Lane lane, Lane.Sent sent, ChunkOutcome outcome, Throwable thrown) {
        int index = sent.index;
        dispatcher.returned(lane, sent, System.nanoTime());
        if (outcome instanceof ChunkOutcome.Done ok) {
            dispatcher.answered(lane, ok.computeNanos());
            boolean allDone = false;
            if (ledger.deliver(index, ok.output())) {
                lane.chunks++;
                allDone = ledger.allDone();
                Object output = ok.output();
                ledgerLog.record(jobId, index, ledger.sent(), () -> encode.apply(output));
            }
            dispatcher.trim(lane);
            return new Folded(allDone, null);
        }
        if (outcome instanceof ChunkOutcome.Refused refused) {
            LOG.debug("job {}: {} refused chunk {} unstarted, handing it back: {}", jobId, lane.node, index, refused.reason());
            ledger.handBack(index);
            return new Folded(false, null);
        }
        String why = outcome instanceof ChunkOutcome.Failed f ? f.message()
                : thrown != null ? Outcomes.describe(thrown) : "the chunk was stopped on " + lane.node;
        JobError failure = null;
        switch (ledger.fail(index, maxAttempts)) {
            case FAILED -> failure = new JobError("kernel", "chunk " + index + " failed after " + ledger.attempts(index)
                    + (ledger.attempts(index) == 1 ? " attempt: " : " attempts: ") + why, index);
            case RETRY -> LOG.debug("job {}: chunk {} attempt {} failed, retrying: {}", jobId, index, ledger.attempts(index), why);
            case IGNORED -> LOG.debug("job {}: a copy of chunk {} failed on {}: {}", jobId, index, lane.node, why);
        }
        return new Folded(false, failure);
    }
}
