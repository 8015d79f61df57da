package dev.gridexec.jobstore;

import dev.gridexec.wire.JobRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Where every coordinator keeps what a job needs to go on: its record (task, state, owner), its ledger of finished
 * chunks, and cancel requests. On a cluster it lives in Hazelcast with a backup on the data members (and in a
 * database when the nodes have a {@code store}), so that any coordinator can answer for any job and adopt the jobs
 * of one that left; the embedded default keeps it in memory. Methods may block briefly on the cluster: call them
 * off any event loop.
 */
public interface JobStore extends AutoCloseable {

    /**
     * Saves the record of a job that is still QUEUED or RUNNING, by its owner, unless the stored record says the job is
     * no longer the writer's: it has ended, or it names another owner (another coordinator claimed the job meanwhile).
     * Asynchronous; a compare-and-set, so that a claim or a final record is never written over.
     *
     * @return completes with false when the record was not written for that reason (the writer must stop running the
     *         job), true when it was (or when storing failed: that is logged)
     */
    java.util.concurrent.CompletionStage<Boolean> save(JobRecord record);

    /** Whether {@code record}'s owner may write it over {@code stored} (null: nothing stored): see {@link #save}. */
    static boolean writable(JobRecord stored, JobRecord record) {
        return stored == null || (!stored.state().terminal() && java.util.Objects.equals(stored.owner(), record.owner()));
    }

    /** Saves the record of a job that is still QUEUED or RUNNING and returns once it is stored (a hand-over). */
    void saveNow(JobRecord record);

    /**
     * Saves the record of an ended job, kept for the retention.
     *
     * @return completes once it is stored (also when storing it failed: that is logged)
     */
    java.util.concurrent.CompletionStage<Void> saveEnded(JobRecord record);

    /**
     * Keeps the result of ended job {@code id} apart from its record (its JSON, UTF-8: too large for the record), for
     * the retention and a minute more, so that it outlives the record that points to it.
     * Write it before the record that says so ({@link #saveEnded} with {@link dev.gridexec.wire.JobRecord#resultStored}).
     *
     * @return completes once it is stored; fails when it could not be
     */
    java.util.concurrent.CompletionStage<Void> saveResult(String id, byte[] json);

    /** The result of job {@code id} kept apart by {@link #saveResult}; empty when there is none (any more). */
    Optional<byte[]> findResult(String id);

    /** How much longer a result kept apart lives than the record that points to it. */
    java.time.Duration RESULT_GRACE = java.time.Duration.ofMinutes(1);

    /** The stored record of job {@code id}. */
    Optional<JobRecord> find(String id);

    /** Every stored record, in no order. */
    List<JobRecord> all();

    /**
     * Changes the stored record of job {@code id} to {@code change(record)} if {@code when(record)} holds, atomically:
     * of several coordinators that try to adopt one job, one wins.
     *
     * @return the stored record after the change, or empty when the record is gone, {@code when} did not hold, or
     *         another write came first
     */
    Optional<JobRecord> claim(String id, Predicate<JobRecord> when, UnaryOperator<JobRecord> change);

    /**
     * Calls {@code onChange} with every record stored for job {@code id} from now on, on a store thread.
     *
     * @return stops following
     */
    Runnable follow(String id, Consumer<JobRecord> onChange);

    /** The ledger of running jobs' finished chunks. */
    Ledger ledger();

    /** Asks the owner of job {@code id} (whichever coordinator it is, now or after an adoption) to cancel it. */
    void requestCancel(String id);

    /** Whether a cancel of job {@code id} was asked and not yet carried out. */
    boolean cancelRequested(String id);

    /** Forgets the cancel request of job {@code id} (the job has ended). */
    void clearCancel(String id);

    /**
     * Calls {@code handler} with the id of every job whose cancel is asked from now on, on a store thread.
     *
     * @return stops listening
     */
    Runnable onCancelRequest(Consumer<String> handler);

    /** Writes out what is pending and stops the store's threads. */
    @Override
    void close();
}
