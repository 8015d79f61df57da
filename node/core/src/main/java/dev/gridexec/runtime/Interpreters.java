package dev.gridexec.runtime;

import java.util.List;

/**
 * A job's interpreters on one node while the job is open: which one a chunk runs in. {@link #acquire()} and
 * {@link #release} are called under the node workers' lock, so implementations need no locking of their own.
 */
public interface Interpreters {

    /** The most chunks of the job that can run at once in these interpreters. */
    int concurrency();

    /** An interpreter with room for one more chunk now; called only while fewer than {@link #concurrency()} run. */
    Interpreter acquire();

    /** The chunk that {@link #acquire()} placed in {@code interpreter} has ended. */
    void release(Interpreter interpreter);

    /** What getting each slot cost (building it, or leasing a warm one), empty for models without slots. */
    List<Long> slotNanos();

    /** The job has ended and no chunk runs any more: give back or close what it holds. */
    void close();

    /** Every chunk in one interpreter, up to {@code concurrency} at once (threads, gil). */
    static Interpreters shared(Interpreter interpreter, int concurrency) {
        return new OneInterpreter(interpreter, concurrency);
    }

    /**
     * {@code seats} that each take up to {@code perSeat} chunks at once, each chunk in the one with the fewest (slots,
     * child processes); what getting each cost is {@code nanos}, and {@code close} lets each go when the job ends.
     */
    static <I extends Interpreter> Interpreters fewestFirst(List<I> seats, int perSeat, List<Long> nanos,
                                                           java.util.function.Consumer<? super I> close) {
        return new FewestFirst<>(seats, perSeat, nanos, close);
    }
}
