package dev.gridexec.scheduler;

import java.time.Duration;
import java.util.Arrays;

/**
 * When a running chunk counts as a straggler worth a speculative copy, when a node counts as slow, and when
 * a node that holds chunks without answering gets no new ones.
 *
 * @param factor       a chunk is a straggler once it has run longer than {@code factor} x the expected time
 *                     ({@code straggler-factor}, default 2.0, at least 1)
 * @param floor        ... and longer than this ({@code straggler-floor}, default 200 ms), so that cheap chunks are never copied
 * @param unresponsive a node that holds chunks and has answered none for this long gets no new chunks until it
 *                     answers or the failure detector drops it ({@code unresponsive-after}, default 3 s)
 */
public record StragglerPolicy(double factor, Duration floor, Duration unresponsive) {

    /** How often each running job looks for stragglers. */
    public static final Duration CHECK_EVERY = Duration.ofMillis(200);
    /** A node is slow once its recent mean chunk time is more than this many times its peers'. */
    public static final double SLOW_FACTOR = 2.0;
    /** ... measured over at least this many of its chunks. */
    public static final int SLOW_WINDOW = 4;

    public StragglerPolicy {
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("straggler-factor must be a number of at least 1, not " + factor);
        }
        if (floor == null || floor.isNegative()) {
            throw new IllegalArgumentException("straggler-floor must be a duration of at least 0");
        }
        if (unresponsive == null || unresponsive.isNegative() || unresponsive.isZero()) {
            throw new IllegalArgumentException("unresponsive-after must be a positive duration");
        }
    }

    /** The defaults: factor 2.0, floor 200 ms, unresponsive after 3 s. */
    public static StragglerPolicy defaults() {
        return new StragglerPolicy(2.0, Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    /**
     * Whether a chunk that has run {@code elapsedNanos} is a straggler, when chunks like it take
     * {@code expectedNanos} on the other nodes (0: nothing measured there yet, never a straggler).
     */
    public boolean straggles(long elapsedNanos, long expectedNanos) {
        return expectedNanos > 0 && elapsedNanos > factor * expectedNanos && elapsedNanos > floor.toNanos();
    }

    /** Whether something out for {@code elapsedNanos} is past the floor (a cheap first test before {@link #straggles}). */
    public boolean pastFloor(long elapsedNanos) {
        return elapsedNanos > floor.toNanos();
    }

    /** Whether a node that has held chunks without answering for {@code quietNanos} gets no new ones. */
    public boolean unresponsive(long quietNanos) {
        return quietNanos > unresponsive.toNanos();
    }

    /**
     * Whether a node whose recent mean chunk time is {@code meanNanos} over {@code answered} chunks is slow
     * among peers whose mean is {@code peersMeanNanos} (0: no peer measured).
     */
    public static boolean slow(long meanNanos, long answered, double peersMeanNanos) {
        return answered >= SLOW_WINDOW && peersMeanNanos > 0 && meanNanos > SLOW_FACTOR * peersMeanNanos;
    }

    /** The median of the first {@code n} values (0 when {@code n} is 0); sorts them in place. */
    static long median(long[] values, int n) {
        if (n == 0) {
            return 0;
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
