package dev.gridexec.scheduler.credit;

/**
 * Batches sized to a target of work (JPPF's {@code AutoTunedBundler} in spirit): a lane's credit aims at
 * {@code targetNanos} of work per half credit, so tiny chunks travel by the hundred and long ones a few at
 * a time. It grows by one per answered chunk (a slow start: at most doubling per round trip) and shrinks
 * at once when chunks turn out longer.
 */
public record AutotunedCredit(long targetNanos, int maxCredit) implements CreditPolicy {

    /** The default: 50 ms of work per batch, at most 20,000 chunks in flight. */
    public AutotunedCredit() {
        this(50_000_000L, 20_000);
    }

    public AutotunedCredit {
        if (targetNanos < 1 || maxCredit < 2) {
            throw new IllegalArgumentException("targetNanos must be positive and maxCredit at least 2");
        }
    }

    @Override
    public String name() {
        return CreditPolicies.AUTOTUNED;
    }

    @Override
    public int next(LaneLoad load) {
        long mean = Math.max(1_000, load.meanChunkNanos());
        long target = Math.max(load.floor(), Math.min(maxCredit, 2L * load.threads() * targetNanos / mean));
        return (int) (target <= load.credit() ? target : Math.min(target, load.credit() + 1L));
    }
}
