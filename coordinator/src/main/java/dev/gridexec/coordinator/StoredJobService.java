package dev.gridexec.coordinator;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.jobs.JobResult;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobError;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.jobstore.JobStore;
import dev.gridexec.jobstore.Journal;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's {@link JobService}: jobs this coordinator owns run on its {@link Scheduler}, and every job's record
 * is in the {@link JobStore}, so that this coordinator answers for jobs another one owns as well: their records and
 * lists from the store, a cancel as a request the owner carries out, events from the owner's record updates. The one
 * job service of every path: the embedded default over a {@link dev.gridexec.jobstore.MemoryJobStore}, a cluster's
 * coordinators over a {@link dev.gridexec.jobstore.HazelcastJobStore}.
 *
 * <p>Records are written when a job is accepted, at most every {@link #SAVE_EVERY} while it runs (not per chunk),
 * and when it ends; an ended job is then forgotten by the scheduler, its record kept by the store for the retention.
 *
 * <p>A result whose JSON is larger than {@code maxInlineResult} bytes is kept apart ({@link JobStore#saveResult},
 * written before the record that says so) and every record this service hands out, from the scheduler or the store,
 * carries {@link dev.gridexec.wire.ResultStored} in its place; {@link #result} serves it, byte for byte the JSON the
 * record would have carried (see {@link ResultsApart}). {@link JobWatches} follows a job that moves to another coordinator.
 *
 * <p>Locking: this class holds no lock of its own; a {@link Saver}'s monitor guards only its last write time.
 */
public final class StoredJobService implements JobService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredJobService.class);
    /** How often a running job's record is written (what other coordinators' event streams see). */
    static final Duration SAVE_EVERY = Duration.ofMillis(250);
    /** How long a cancel of a job another coordinator owns waits for the owner to carry it out. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    /** The default of {@code max-inline-result}: results whose JSON is larger are kept apart from their record. */
    public static final int DEFAULT_MAX_INLINE_RESULT = 64 * 1024;

    private final Scheduler scheduler;
    private final JobStore store;
    private final Supplier<TaskDefaults> defaults;
    private final Supplier<List<NodeInfo>> nodes;
    private final Runnable stopCancels;
    private final ResultsApart results;
    private final JobWatches watches;
    private final List<JobListener> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public StoredJobService(Scheduler scheduler, JobStore store, Supplier<TaskDefaults> defaults, Supplier<List<NodeInfo>> nodes) {
        this(scheduler, store, defaults, nodes, DEFAULT_MAX_INLINE_RESULT);
    }

    /** A service that keeps results whose JSON is over {@code maxInlineResult} bytes apart from their records. */
    public StoredJobService(Scheduler scheduler, JobStore store, Supplier<TaskDefaults> defaults, Supplier<List<NodeInfo>> nodes,
                            int maxInlineResult) {
        this.scheduler = scheduler;
        this.store = store;
        this.defaults = defaults;
        this.nodes = nodes;
        this.results = new ResultsApart(store, maxInlineResult);
        this.watches = new JobWatches(store, results);
        this.stopCancels = store.onCancelRequest(id -> scheduler.find(id).ifPresent(JobRun::cancel));
    }

    @Override
    public KernelCatalog catalog() {
        return scheduler.catalog();
    }

    @Override
    public KernelResolver kernels() {
        return scheduler.kernels();
    }

    @Override
    public TaskDefaults defaults() {
        return defaults.get();
    }

    @Override
    public List<NodeInfo> nodes() {
        return nodes.get();
    }

    @Override
    public JobRecord submit(Task task) {
        JobRun job = scheduler.submit(task, JobListener.NONE);
        JobRecord accepted = job.snapshot();
        store.saveNow(accepted); // stored before the client hears of it: any coordinator finds it, and it outlives this one
        job.subscribe(new Saver(job));
        return accepted;
    }

    /** Whether this coordinator runs job {@code id} now. */
    boolean runsHere(String id) {
        return scheduler.find(id).isPresent();
    }

    /**
     * Runs a job this coordinator has just claimed from one that left (or from its own earlier life): resumed from its
     * ledger, or, when it cannot be (its kernel's jar is gone), ended FAILED with reason {@code coordinator-lost}.
     */
    void adopt(JobRecord claimed) {
        JobRun job;
        try {
            Journal journal = store.ledger().read(claimed.id());
            job = scheduler.resume(claimed, journal);
            LOG.info("job {} adopted (adoption {}): {} chunks done before, {} run again", claimed.id(), claimed.adoptions(),
                    journal.outputs().size(), journal.rerun());
        } catch (RuntimeException e) {
            LOG.warn("job {} cannot be adopted: {}", claimed.id(), e.getMessage());
            store.saveEnded(claimed.ended(JobState.FAILED, new JobError("coordinator-lost",
                    "the coordinator that ran the job left, and the job could not be resumed: " + e.getMessage(), null)))
                    .toCompletableFuture().join();
            return;
        }
        save(job);
        job.subscribe(new Saver(job));
        if (store.cancelRequested(claimed.id())) {
            job.cancel();
        }
    }

    /** Stores a running job's record; when the store says another coordinator owns the job now, stops running it here. */
    private void save(JobRun job) {
        store.save(job.snapshot()).thenAccept(written -> {
            if (!written) { // the stored record has ended or names another owner (JobHandOver.relinquish says so in the log)
                scheduler.relinquish(job.id());
            }
        });
    }

    @Override
    public void observe(JobListener observer) {
        observers.add(observer);
    }

    @Override
    public Optional<JobRecord> find(String id) {
        Optional<JobRun> here = scheduler.find(id);
        return here.isPresent() ? Optional.of(results.served(here.get().snapshot())) : store.find(id);
    }

    @Override
    public Optional<JobResult> result(String id) {
        Optional<JobRun> here = scheduler.find(id);
        JobRecord record = here.isPresent() ? here.get().snapshot() : store.find(id).orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        return Optional.of(results.result(record));
    }

    @Override
    public List<JobRecord> list() {
        List<JobRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JobRun job : scheduler.jobs()) {
            seen.add(job.id());
            out.add(results.served(job.snapshot()));
        }
        for (JobRecord stored : store.all()) {
            if (seen.add(stored.id())) {
                out.add(stored);
            }
        }
        out.sort(Comparator.comparing((JobRecord r) -> r.acceptedAt() == null ? "" : r.acceptedAt()).reversed()
                .thenComparing(JobRecord::id));
        return out;
    }

    @Override
    public Optional<JobRecord> cancel(String id) {
        Optional<JobRun> here = scheduler.find(id);
        if (here.isPresent()) {
            here.get().cancel();
            return Optional.of(results.served(here.get().snapshot()));
        }
        Optional<JobRecord> stored = store.find(id);
        if (stored.isEmpty() || stored.get().state().terminal()) {
            return stored;
        }
        CompletableFuture<JobRecord> ended = new CompletableFuture<>();
        Runnable stop = store.follow(id, record -> {
            if (record.state().terminal()) {
                ended.complete(record);
            }
        });
        try {
            store.requestCancel(id);
            return Optional.of(ended.get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return store.find(id);
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("job {}: cancel asked of its owner {}, not carried out within {} s", id, stored.get().owner(), CANCEL_WAIT.toSeconds());
            return store.find(id);
        } finally {
            stop.run();
        }
    }

    @Override
    public Optional<Runnable> watch(String id, JobListener listener) {
        Optional<JobRun> here = scheduler.find(id);
        if (here.isPresent()) {
            return Optional.of(watches.here(here.get(), listener));
        }
        if (store.find(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(watches.stored(id, listener));
    }

    /**
     * Leaves this coordinator's jobs to another (it is stopping): see {@link Scheduler#handOver}; their records are
     * stored before this returns.
     */
    public void handOver(Duration wait) {
        List<JobRecord> left = scheduler.handOver(wait);
        left.forEach(store::saveNow);
        if (!left.isEmpty()) {
            LOG.info("{} job(s) handed over for another coordinator to adopt", left.size());
        }
    }

    @Override
    public void close() {
        stopCancels.run();
        scheduler.close();
    }

    /** Writes a job's record while it runs (at most every {@link #SAVE_EVERY}) and when it ends. */
    private final class Saver implements JobListener {
        private final JobRun job;
        private long lastNanos = System.nanoTime();

        Saver(JobRun job) {
            this.job = job;
        }

        @Override
        public void progress(JobProgress progress) {
            observers.forEach(observer -> observer.progress(progress));
            long now = System.nanoTime();
            synchronized (this) {
                if (now - lastNanos < SAVE_EVERY.toNanos()) {
                    return;
                }
                lastNanos = now;
            }
            save(job);
        }

        @Override
        public void finished(JobRecord record) {
            store.clearCancel(record.id());
            // The job stays with the scheduler (which answers for it) until the store has its record, and the
            // listeners after this one (an event stream's end) do not wait for the write.
            results.saveEnded(record).thenRun(() -> scheduler.forget(record.id()));
            observers.forEach(observer -> observer.finished(record));
        }
    }
}
