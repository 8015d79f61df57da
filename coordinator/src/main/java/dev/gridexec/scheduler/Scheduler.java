package dev.gridexec.scheduler;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.scheduler.credit.CreditPolicy;
import dev.gridexec.task.Task;
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

/** Accepts validated tasks and runs each as a {@link JobRun} across the members it knows. */
public final class Scheduler implements AutoCloseable {

    private final KernelResolver kernels;
    private final java.util.function.Supplier<List<Member>> members;
    private final CreditPolicy policy;
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
        this(kernels, members, CreditPolicies.standard());
    }

    /** A scheduler over the members {@code members} lists, spreading each job's chunks by {@code policy}. */
    public Scheduler(KernelResolver kernels, java.util.function.Supplier<List<Member>> members, CreditPolicy policy) {
        this.kernels = kernels;
        this.members = members;
        this.policy = policy;
    }

    /** The credit policy jobs are dispatched with. */
    public CreditPolicy policy() {
        return policy;
    }

    private static java.util.function.Supplier<List<Member>> fixed(List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a scheduler needs at least one member");
        }
        List<Member> copy = List.copyOf(members);
        return () -> copy;
    }

    /** A member joined: running jobs with fewer nodes than they asked for start using it. */
    public void memberJoined(Member member) {
        for (JobRun job : jobs.values()) {
            job.offer(member);
        }
    }

    /**
     * Accepts a validated task; the job starts at once and runs in the background, holding its kernel's
     * artifact (if any) until it ends.
     *
     * @throws dev.gridexec.catalog.UnresolvedKernelException when the kernel cannot be found (an artifact gone since validation)
     */
    public JobRun submit(Task task, JobListener listener) {
        ResolvedKernel kernel = kernels.resolve(task);
        JobRun job;
        List<Member> chosen;
        try {
            List<String> warnings = new ArrayList<>();
            List<Member> members = this.members.get();
            chosen = members;
            if (members.isEmpty()) {
                chosen = List.of(); // the job fails with reason nodes-lost
            } else if (task.nodes() > members.size()) {
                warnings.add("the task asked for " + task.nodes() + " nodes but only " + members.size()
                        + (members.size() == 1 ? " exists" : " exist") + "; it ran on " + members.size());
            } else {
                chosen = members.subList(0, task.nodes());
            }
            job = new JobRun(UUID.randomUUID().toString(), task, kernel, warnings, listener, executor, timer, policy);
        } catch (RuntimeException | Error e) {
            kernel.close();
            throw e;
        }
        jobs.put(job.id(), job);
        job.start(chosen);
        return job;
    }

    /** The job with this id, if this scheduler ran it. */
    public Optional<JobRun> find(String id) {
        return Optional.ofNullable(jobs.get(id));
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
