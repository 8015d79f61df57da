package dev.gridexec.scheduler.credit;

/** A constant credit per thread (JPPF's {@code FixedSizeBundler}): many small batches, many round trips. */
public record FixedCredit(int perThread) implements CreditPolicy {

    public FixedCredit {
        if (perThread < 1) {
            throw new IllegalArgumentException("perThread must be at least 1, not " + perThread);
        }
    }

    @Override
    public String name() {
        return CreditPolicies.FIXED;
    }

    @Override
    public int initial(int threads) {
        return perThread * Math.max(1, threads);
    }

    @Override
    public int next(LaneLoad load) {
        return initial(load.threads());
    }
}
