package dev.gridexec.metrics;

import dev.gridexec.artifacts.ArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.coordinator.JobService;
import dev.gridexec.coordinator.NodeInfo;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskDefaults;
import java.util.List;
import java.util.Optional;

/** A {@link JobService} that counts every job submitted through it in {@link CoordinatorMetrics}, then delegates. */
public final class MeteredJobService implements JobService {

    private final JobService delegate;
    private final CoordinatorMetrics metrics;

    public MeteredJobService(JobService delegate, CoordinatorMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public JobRecord submit(Task task) {
        JobRecord accepted = delegate.submit(task);
        // A job that ended before this line is heard at once: watch reports an ended job's record.
        delegate.watch(accepted.id(), metrics.listener());
        return accepted;
    }

    @Override
    public KernelCatalog catalog() {
        return delegate.catalog();
    }

    @Override
    public KernelResolver kernels() {
        return delegate.kernels();
    }

    @Override
    public ArtifactStore artifacts() {
        return delegate.artifacts();
    }

    @Override
    public boolean hasArtifact(String sha256) {
        return delegate.hasArtifact(sha256);
    }

    @Override
    public Optional<String> unrunnable(Task task) {
        return delegate.unrunnable(task);
    }

    @Override
    public TaskDefaults defaults() {
        return delegate.defaults();
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return delegate.find(id);
    }

    @Override
    public List<JobRecord> list() {
        return delegate.list();
    }

    @Override
    public Optional<JobRecord> cancel(String id) {
        return delegate.cancel(id);
    }

    @Override
    public Optional<Runnable> watch(String id, JobListener listener) {
        return delegate.watch(id, listener);
    }

    @Override
    public List<NodeInfo> nodes() {
        return delegate.nodes();
    }
}
