package dev.gridexec.coordinator;

import dev.gridexec.jobs.JobResult;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.jobstore.JobStore;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results whose JSON is larger than {@code maxInlineResult} bytes, kept apart from their records in the
 * {@link JobStore}: written before the record that points to them ({@link #saveEnded}), replaced by their size in
 * every record handed out ({@link #served}), read back byte for byte ({@link #result}). Stateless but for its limit:
 * safe on any thread.
 */
final class ResultsApart {

    private static final Logger LOG = LoggerFactory.getLogger(StoredJobService.class);

    private final JobStore store;
    private final int maxInlineResult;

    ResultsApart(JobStore store, int maxInlineResult) {
        this.store = store;
        this.maxInlineResult = maxInlineResult;
    }

    /** {@code record} as the service hands it out: a result over {@code maxInlineResult} replaced by its size. */
    JobRecord served(JobRecord record) {
        if (record.result() == null) {
            return record;
        }
        int bytes = JobResult.bytes(record.result()).length;
        return bytes > maxInlineResult ? record.withResultStored(bytes) : record;
    }

    /** The result of the job {@code record} is: inline, kept apart (null when no longer kept), or none yet. */
    JobResult result(JobRecord record) {
        if (record.result() != null) {
            return new JobResult(served(record), JobResult.bytes(record.result()));
        }
        if (record.resultStored() != null) {
            return new JobResult(record, store.findResult(record.id()).orElse(null));
        }
        return new JobResult(record, null);
    }

    /**
     * Stores an ended job's record; a result over {@code maxInlineResult} first, apart, so that a record that points
     * to it is never read without it. A result that cannot be stored is lost with a warning; the record still says
     * how large it was (the route then answers 404 saying so).
     */
    CompletionStage<Void> saveEnded(JobRecord record) {
        if (record.result() == null) {
            return store.saveEnded(record);
        }
        byte[] json = JobResult.bytes(record.result());
        if (json.length <= maxInlineResult) {
            return store.saveEnded(record);
        }
        JobRecord pointing = record.withResultStored(json.length);
        return store.saveResult(record.id(), json)
                .exceptionally(thrown -> {
                    LOG.warn("job {}: its result ({} bytes) could not be stored: {}", record.id(), json.length, thrown.toString());
                    return null;
                })
                .thenCompose(stored -> store.saveEnded(pointing));
    }
}
