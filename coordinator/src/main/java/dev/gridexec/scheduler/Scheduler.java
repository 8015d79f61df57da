package dev.gridexec.scheduler;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.jobstore.Journal;
import dev.gridexec.jobstore.Ledger;
import dev.gridexec.scheduler.credit.CreditPolicy;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts validated tasks and runs each as a {@link JobRun} across the members it knows: queued until its
 * workers are free on enough nodes ({@link Admission}), then dispatched by its credit policy.
 */
public final class Scheduler implements AutoCloseable {

    private final KernelResolver kernels;
    private final JobKernels jobKernels;
    private final java.util.function.Supplier<List<Member>> members;
    private final SchedulerSettings settings;
    private final Admission admission;
    private final String owner;
    private final Ledger ledger;
    private final Map<String, JobRun> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(daemon("gridexec-scheduler-"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("gridexec-timer-"));

    /** A scheduler of the catalog's kernels over a fixed set of members (tests). */
    public Scheduler(KernelCatalog catalog, List<Member> members) {
        this(KernelResolver.withoutArtifacts(catalog), fixed(members));
    }

    /** A scheduler over a fixed set of members; local members must resolve kernels through the same {@code kernels}. */
    public Scheduler(KernelResolver kernels, List<Member> members) {
        this(kernels, fixed(members));
    }

    /** A scheduler of the catalog's kernels over the members {@code members} lists at each submission. */
    public Scheduler(KernelCatalog catalog, java.util.function.Supplier<List<Member>> members) {
        this(KernelResolver.withoutArtifacts(catalog), members);
    }

    /** A scheduler over the members {@code members} lists at each submission (a cluster). */
    public Scheduler(KernelResolver kernels, java.util.function.Supplier<List<Member>> members) {
        this(kernels, members, SchedulerSettings.defaults());
    }

    /** A scheduler over the members {@code members} lists, admitting and spreading jobs as {@code settings} say. */
    public Scheduler(KernelResolver kernels, java.util.function.Supplier<List<Member>> members, SchedulerSettings settings) {
        this(kernels, members, settings, Coordination.ALONE);
    }

    /**
     * A scheduler of one of a cluster's coordinators: its jobs record their finished chunks for whichever coordinator
     * adopts them if this one leaves, and it admits jobs against what every coordinator holds on the nodes.
     */
    public Scheduler(KernelResolver kernels, java.util.function.Supplier<List<Member>> members, SchedulerSettings settings,
                     Coordination coordination) {
        this(kernels, JobKernels.inProcess(kernels), members, settings, coordination);
    }

    /**
     * Like {@link #Scheduler(KernelResolver, java.util.function.Supplier, SchedulerSettings, Coordination)}, with each job's
     * kernel (its split and reduce) made by {@code jobKernels}: on a cluster, a jar kernel's on a node.
     */
    public Scheduler(KernelResolver kernels, JobKernels jobKernels, java.util.function.Supplier<List<Member>> members,
                     SchedulerSettings settings, Coordination coordination) {
        this.jobKernels = jobKernels;
        this.owner = coordination.owner();
        this.ledger = coordination.ledger();
        this.kernels = kernels;
        this.members = members;
        this.settings = settings;
        this.admission = new Admission(members, settings.maxQueuedJobs(), settings.maxQueuedChunks(), coordination.load());
    }

    /** The credit policy jobs are dispatched with. */
    public CreditPolicy policy() {
        return settings.dispatch();
    }

    private static java.util.function.Supplier<List<Member>> fixed(List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a scheduler needs at least one member");
        }
        List<Member> copy = List.copyOf(members);
        return () -> copy;
    }

    /** A member left: what it held is freed, so that it counts as a new node should it come back under its name. */
    public void memberLeft(String name) {
        admission.left(name);
    }

    /** A member joined: queued jobs may start on it, then running jobs with fewer nodes than they asked for use it. */
    public void memberJoined(Member member) {
        admission.joined(member, jobs.values());
    }

    /** Starts queued jobs that fit now (after a node's capacity grew, say). */
    public void admit() {
        admission.admit();
    }

    /**
     * Accepts a validated task; the job waits in the admission queue until its workers are free, then runs
     * in the background, holding its kernel's artifact (if any) until it ends.
     *
     * @throws QueueFullException when the queue holds the most jobs or chunks the settings allow
     * @throws dev.gridexec.catalog.UnresolvedKernelException when the kernel cannot be found (an artifact gone since validation)
     */
    public JobRun submit(Task task, JobListener listener) {
        admission.checkRoom(task.chunks());
        JobKernel kernel = jobKernels.open(task);
        JobRun job;
        try {
            job = new JobRun(UUID.randomUUID().toString(), task, kernel, List.of(), listener, executor, timer, settings,
                    JobOrigin.acceptedBy(owner), ledger);
        } catch (RuntimeException | Error e) {
            kernel.close();
            throw e;
        }
        return queue(job);
    }

    /**
     * Takes over a job another coordinator owned (the record says it is now this one's): it queues again, keeping
     * its priority and first acceptance, and runs only the chunks {@code journal} has no output for. Never refused
     * for a full queue.
     *
     * @throws dev.gridexec.catalog.UnresolvedKernelException when its kernel cannot be found (its jar is gone)
     */
    public JobRun resume(JobRecord adopted, Journal journal) {
        JobKernel kernel = jobKernels.open(adopted.task());
        JobRun job;
        try {
            int adoptions = adopted.adoptions() == null ? 0 : adopted.adoptions();
            job = new JobRun(adopted.id(), adopted.task(), kernel, adopted.warnings(), JobListener.NONE, executor, timer, settings,
                    new JobOrigin(owner, adoptions, acceptedAt(adopted), journal), ledger);
        } catch (RuntimeException | Error e) {
            kernel.close();
            throw e;
        }
        return queue(job);
    }

    private static long acceptedAt(JobRecord record) {
        try {
            return record.acceptedAt() == null ? System.currentTimeMillis() : Instant.parse(record.acceptedAt()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return System.currentTimeMillis();
        }
    }

    private JobRun queue(JobRun job) {
        jobs.put(job.id(), job);
        job.completion().whenComplete((record, thrown) -> admission.ended(job));
        admission.enqueue(job);
        return job;
    }

    /**
     * Leaves every job that has not ended to another coordinator (this one is stopping): dispatch stops at once, the
     * chunks in flight are awaited for up to {@code wait} so that their outputs reach the ledger, and the ledger is
     * written out. Jobs whose last chunks come in meanwhile end here as usual.
     *
     * @return the records to store for the adopter, as of the hand-over
     */
    public List<JobRecord> handOver(Duration wait) {
        List<JobRun> open = jobs.values().stream().filter(job -> !job.ended()).toList();
        open.forEach(job -> job.leave().stopDispatching());
        long deadline = System.nanoTime() + wait.toNanos();
        List<JobRecord> left = new ArrayList<>();
        for (JobRun job : open) {
            JobRecord record = job.leave().handOver(deadline);
            if (record != null) {
                left.add(record);
                jobs.remove(job.id());
            } else {
                try { // it ends here: let its final record be made before this coordinator goes
                    job.completion().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // it goes on being stored as RUNNING: the adopter finishes it from the ledger
                }
            }
        }
        ledger.flush();
        return left;
    }

    /** The nodes marked slow by at least one running job: their chunks are persistently slower than their peers'. */
    public java.util.Set<String> slowNodes() {
        java.util.Set<String> slow = new java.util.TreeSet<>();
        for (JobRun job : jobs.values()) {
            slow.addAll(job.slowNodes());
        }
        return slow;
    }

    /** The job with this id, if this scheduler ran it. */
    public Optional<JobRun> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /**
     * Stops running job {@code id} at once, not ended, because its record names another owner now (two coordinators
     * claimed it, each from its own view of the cluster): see {@link JobHandOver#relinquish}. Its workers are freed for the
     * jobs queued here; the chunks it has in flight finish on their nodes and are ignored.
     */
    public void relinquish(String id) {
        JobRun job = jobs.get(id);
        if (job != null && job.leave().relinquish()) {
            jobs.remove(id, job);
            admission.ended(job);
        }
    }

    /** Forgets job {@code id} once it has ended (its record lives on in the job store). */
    public void forget(String id) {
        jobs.computeIfPresent(id, (key, job) -> job.ended() ? null : job);
    }

    /** Forgets ended jobs accepted before {@code epochMillis} (their records live on in the job store, if any). */
    public void forgetEndedBefore(long epochMillis) {
        jobs.values().removeIf(job -> job.ended() && job.acceptedAtMillis() < epochMillis);
    }

    /** Every job this scheduler still holds. */
    public java.util.Collection<JobRun> jobs() {
        return List.copyOf(jobs.values());
    }

    /** The built-in kernels this scheduler can run. */
    public KernelCatalog catalog() {
        return kernels.catalog();
    }

    /** The kernels this scheduler can run: built-in, and from artifacts. */
    public KernelResolver kernels() {
        return kernels;
    }

    /** How many members there are now. */
    public int memberCount() {
        return members.get().size();
    }

    /**
     * Stops the scheduler's threads at once and does nothing else: no job is cancelled or told. What a killed
     * coordinator leaves behind, for tests of adoption in one JVM.
     */
    public void halt() {
        jobs.values().forEach(job -> job.leave().abandon());
        executor.shutdownNow();
        timer.shutdownNow();
    }

    /** Cancels every job still running and stops the scheduler's threads. */
    @Override
    public void close() {
        jobs.values().forEach(JobRun::cancel);
        executor.shutdown();
        timer.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
