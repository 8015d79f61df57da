package dev.gridexec.coordinator;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskDefaults;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A {@link JobService} over a {@link Scheduler} that keeps its jobs in memory. */
public final class SchedulerJobService implements JobService {

    private final Scheduler scheduler;
    private final TaskDefaults defaults;
    private final Supplier<List<NodeInfo>> nodes;

    public SchedulerJobService(Scheduler scheduler, TaskDefaults defaults, Supplier<List<NodeInfo>> nodes) {
        this.scheduler = scheduler;
        this.defaults = defaults;
        this.nodes = nodes;
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
        return defaults;
    }

    @Override
    public JobRecord submit(Task task) {
        return scheduler.submit(task, JobListener.NONE).snapshot();
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return scheduler.find(id).map(JobRun::snapshot);
    }

    @Override
    public List<JobRecord> list() {
        return scheduler.jobs().stream()
                .sorted(Comparator.comparingLong(JobRun::acceptedAtMillis).reversed())
                .map(JobRun::snapshot)
                .toList();
    }

    @Override
    public Optional<JobRecord> cancel(String id) {
        return scheduler.find(id).map(job -> {
            job.cancel();
            return job.snapshot();
        });
    }

    @Override
    public Optional<Runnable> watch(String id, JobListener listener) {
        return scheduler.find(id).map(job -> job.subscribe(listener));
    }

    @Override
    public List<NodeInfo> nodes() {
        return nodes.get();
    }
}
