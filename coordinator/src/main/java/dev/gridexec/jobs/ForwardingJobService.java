package dev.gridexec.jobs;

import dev.gridexec.artifacts.ArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskDefaults;
import java.util.List;
import java.util.Optional;

/**
 * A {@link JobService} that passes every call on to another, the interface's default methods included: extend it
 * and override what the wrapper changes. A wrapper written against the interface alone silently runs the
 * defaults instead of the delegate's answers (that let a lost jar's task through as a 202);
 * {@code ForwardingJobServiceTest} keeps this class forwarding every method the interface has.
 */
public abstract class ForwardingJobService implements JobService {

    /** The service calls are passed on to. */
    protected final JobService delegate;

    protected ForwardingJobService(JobService delegate) {
        this.delegate = delegate;
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
    public TaskDefaults defaults() {
        return delegate.defaults();
    }

    @Override
    public JobRecord submit(Task task) {
        return delegate.submit(task);
    }

    @Override
    public dev.gridexec.task.TaskReader taskReader() {
        return delegate.taskReader();
    }

    @Override
    public java.util.concurrent.CompletableFuture<dev.gridexec.scheduler.KernelCheck> checkKernel(Task task) {
        return delegate.checkKernel(task);
    }

    @Override
    public Optional<String> unrunnable(Task task) {
        return delegate.unrunnable(task);
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return delegate.find(id);
    }

    @Override
    public Optional<JobResult> result(String id) {
        return delegate.result(id);
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

    @Override
    public void observe(JobListener observer) {
        delegate.observe(observer);
    }
}
