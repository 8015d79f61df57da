package dev.gridexec.scheduler.credit;

/**
 * The whole fair share at once (JPPF's {@code ProportionalBundler}): a lane's credit is its share of the
 * unfinished chunks, in proportion to its measured throughput, from its first answer on.
 */
public record ProportionalCredit() implements CreditPolicy {

    @Override
    public String name() {
        return CreditPolicies.PROPORTIONAL;
    }

    @Override
    public int next(LaneLoad load) {
        return Math.max(load.floor(), load.fairShare());
    }
}
