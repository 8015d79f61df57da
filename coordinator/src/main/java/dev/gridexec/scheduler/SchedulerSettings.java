package dev.gridexec.scheduler;

import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.scheduler.credit.CreditPolicy;
import java.time.Duration;

/**
 * How the coordinator's scheduler admits and spreads jobs.
 *
 * @param dispatch        the credit policy that spreads a job's chunks over its nodes ({@code dispatch}, default autotuned)
 * @param maxQueuedJobs   the most jobs waiting to start; beyond it a submission is refused (429) ({@code max-queued-jobs}, default 1,000)
 * @param maxQueuedChunks the most chunks of waiting jobs; beyond it a submission is refused (429)
 *                        ({@code max-queued-chunks}, default 2,000,000: one job of the largest size, 10^6 chunks, always fits)
 * @param stragglers      when a late chunk gets a speculative copy and an unresponsive node no new chunks
 *                        ({@code straggler-factor}, {@code straggler-floor}, {@code unresponsive-after})
 * @param nodeWait        how long a running job whose nodes are all gone waits for one to join, keeping its finished
 *                        chunks, before it fails {@code nodes-lost} ({@code node-wait}, default 5 min; its timeout
 *                        ends the wait sooner when it comes first)
 * @param kernelCallTimeout how long a jar kernel's params check, split or reduce may take on a node before it is given up
 *                        ({@code kernel-call-timeout}, default 10 s): a params that does not return in time is a 400
 *                        naming {@code params}, a split or reduce that does not fails its job
 */
public record SchedulerSettings(CreditPolicy dispatch, int maxQueuedJobs, int maxQueuedChunks, StragglerPolicy stragglers,
                                Duration nodeWait, Duration kernelCallTimeout) {

    public static final int DEFAULT_MAX_QUEUED_JOBS = 1_000;
    public static final int DEFAULT_MAX_QUEUED_CHUNKS = 2_000_000;
    public static final Duration DEFAULT_NODE_WAIT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_KERNEL_CALL_TIMEOUT = Duration.ofSeconds(10);

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
        if (nodeWait == null || nodeWait.isNegative()) {
            throw new IllegalArgumentException("node-wait must be a duration of zero or more");
        }
        if (kernelCallTimeout == null || kernelCallTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("kernel-call-timeout must be a duration of at least 1 ms");
        }
    }

    /** Settings with the default kernel-call timeout. */
    public SchedulerSettings(CreditPolicy dispatch, int maxQueuedJobs, int maxQueuedChunks, StragglerPolicy stragglers,
                             Duration nodeWait) {
        this(dispatch, maxQueuedJobs, maxQueuedChunks, stragglers, nodeWait, DEFAULT_KERNEL_CALL_TIMEOUT);
    }

    /** Settings with the default straggler policy and node wait. */
    public SchedulerSettings(CreditPolicy dispatch, int maxQueuedJobs, int maxQueuedChunks) {
        this(dispatch, maxQueuedJobs, maxQueuedChunks, StragglerPolicy.defaults(), DEFAULT_NODE_WAIT);
    }

    /** The defaults: autotuned dispatch, 1,000 queued jobs, 2,000,000 queued chunks. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(CreditPolicies.standard(), DEFAULT_MAX_QUEUED_JOBS, DEFAULT_MAX_QUEUED_CHUNKS);
    }

    /** These settings with another credit policy. */
    public SchedulerSettings withDispatch(CreditPolicy policy) {
        return new SchedulerSettings(policy, maxQueuedJobs, maxQueuedChunks, stragglers, nodeWait, kernelCallTimeout);
    }

    /** These settings with another straggler policy. */
    public SchedulerSettings withStragglers(StragglerPolicy policy) {
        return new SchedulerSettings(dispatch, maxQueuedJobs, maxQueuedChunks, policy, nodeWait, kernelCallTimeout);
    }

    /** These settings with another node wait. */
    public SchedulerSettings withNodeWait(Duration wait) {
        return new SchedulerSettings(dispatch, maxQueuedJobs, maxQueuedChunks, stragglers, wait, kernelCallTimeout);
    }

    /** These settings with another kernel-call timeout. */
    public SchedulerSettings withKernelCallTimeout(Duration timeout) {
        return new SchedulerSettings(dispatch, maxQueuedJobs, maxQueuedChunks, stragglers, nodeWait, timeout);
    }
}
