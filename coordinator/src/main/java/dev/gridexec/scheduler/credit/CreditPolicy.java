package dev.gridexec.scheduler.credit;

/**
 * How many chunks one node's lane of a job may hold in flight: the family of JPPF's {@code Bundler}s, one
 * small strategy per policy. The scheduler asks for a lane's credit after each chunk it answers and then
 * caps it near the lane's fair share of the job's unfinished chunks (never below twice its threads), so a
 * policy says how fast a lane's batches grow, not how the job is split.
 */
public interface CreditPolicy {

    /** The policy's name, as the {@code dispatch} setting and the job record spell it. */
    String name();

    /** The credit of a lane that has answered nothing yet: twice its threads, so none of them idles. */
    default int initial(int threads) {
        return 2 * Math.max(1, threads);
    }

    /** The lane's credit after it answered a chunk. */
    int next(LaneLoad load);
}
