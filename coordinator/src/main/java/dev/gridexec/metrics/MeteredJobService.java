package dev.gridexec.metrics;

import dev.gridexec.coordinator.ForwardingJobService;
import dev.gridexec.coordinator.JobService;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.task.Task;

/**
 * A {@link JobService} that counts, in {@link CoordinatorMetrics}, every job the coordinator runs (accepted here or
 * adopted) when it ends here.
 */
public final class MeteredJobService extends ForwardingJobService {

    private final CoordinatorMetrics metrics;

    public MeteredJobService(JobService delegate, CoordinatorMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
        delegate.observe(metrics.observer());
    }
}
