package dev.gridexec.metrics;

import dev.gridexec.coordinator.ForwardingJobService;
import dev.gridexec.coordinator.JobService;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.task.Task;

/** A {@link JobService} that counts every job submitted through it in {@link CoordinatorMetrics}, then delegates. */
public final class MeteredJobService extends ForwardingJobService {

    private final CoordinatorMetrics metrics;

    public MeteredJobService(JobService delegate, CoordinatorMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    public JobRecord submit(Task task) {
        JobRecord accepted = delegate.submit(task);
        // A job that ended before this line is heard at once: watch reports an ended job's record.
        delegate.watch(accepted.id(), metrics.listener());
        return accepted;
    }
}
