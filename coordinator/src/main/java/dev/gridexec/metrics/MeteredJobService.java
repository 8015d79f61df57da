package dev.gridexec.metrics;

import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.Task;

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
