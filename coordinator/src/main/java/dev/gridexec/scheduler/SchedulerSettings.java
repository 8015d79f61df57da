package dev.gridexec.scheduler;

import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.scheduler.credit.CreditPolicy;

/**
 * How the coordinator's scheduler admits and spreads jobs.
 *
 * @param dispatch        the credit policy that spreads a job's chunks over its nodes ({@code dispatch}, default autotuned)
 * @param maxQueuedJobs   the most jobs waiting to start; beyond it a submission is refused (429) ({@code max-queued-jobs}, default 1,000)
 * @param maxQueuedChunks the most chunks of waiting jobs; beyond it a submission is refused (429)
 *                        ({@code max-queued-chunks}, default 2,000,000: one job of the largest size, 10^6 chunks, always fits)
 * @param stragglers      when a late chunk gets a speculative copy and an unresponsive node no new chunks
 *                        ({@code straggler-factor}, {@code straggler-floor}, {@code unresponsive-after})
 */
public record SchedulerSettings(CreditPolicy dispatch, int maxQueuedJobs, int maxQueuedChunks, StragglerPolicy stragglers) {

    public static final int DEFAULT_MAX_QUEUED_JOBS = 1_000;
    public static final int DEFAULT_MAX_QUEUED_CHUNKS = 2_000_000;

    public SchedulerSettings {
        if (dispatch == null) {
            throw new IllegalArgumentException("dispatch must name a credit policy");
        }
        if (maxQueuedJobs < 1 || maxQueuedChunks < 1) {
            throw new IllegalArgumentException("maxQueuedJobs and maxQueuedChunks must be at least 1");
        }
        if (stragglers == null) {
            throw new IllegalArgumentException("stragglers must be a straggler policy");
        }
    }

    /** Settings with the default straggler policy. */
    public SchedulerSettings(CreditPolicy dispatch, int maxQueuedJobs, int maxQueuedChunks) {
        this(dispatch, maxQueuedJobs, maxQueuedChunks, StragglerPolicy.defaults());
    }

    /** The defaults: autotuned dispatch, 1,000 queued jobs, 2,000,000 queued chunks. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(CreditPolicies.standard(), DEFAULT_MAX_QUEUED_JOBS, DEFAULT_MAX_QUEUED_CHUNKS);
    }

    /** These settings with another credit policy. */
    public SchedulerSettings withDispatch(CreditPolicy policy) {
        return new SchedulerSettings(policy, maxQueuedJobs, maxQueuedChunks, stragglers);
    }

    /** These settings with another straggler policy. */
    public SchedulerSettings withStragglers(StragglerPolicy policy) {
        return new SchedulerSettings(dispatch, maxQueuedJobs, maxQueuedChunks, policy);
    }
}
