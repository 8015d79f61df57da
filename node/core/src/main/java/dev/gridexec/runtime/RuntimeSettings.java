package dev.gridexec.runtime;

import java.time.Duration;

/**
 * What a node runtime offers and keeps: its capacity and its warm slot pool's bounds.
 *
 * @param workers         the node's capacity: the most chunks it runs at once, for all jobs together; also its
 *                        number of worker threads (a slot's {@code threadsPerSlot} threads are workers too)
 * @param maxIdleSlots    the most idle warm slots kept over all kernels; beyond it the least recently used go
 *                        (0: every slot goes when its job ends)
 * @param slotIdleTimeout an idle warm slot unused this long goes
 */
public record RuntimeSettings(int workers, int maxIdleSlots, Duration slotIdleTimeout) {

    public RuntimeSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        if (maxIdleSlots < 0) {
            throw new IllegalArgumentException("maxIdleSlots must not be negative, got " + maxIdleSlots);
        }
        if (slotIdleTimeout.isNegative() || slotIdleTimeout.isZero()) {
            throw new IllegalArgumentException("slotIdleTimeout must be positive, got " + slotIdleTimeout);
        }
    }

    /** The default idle time of a warm slot. */
    public static final Duration DEFAULT_SLOT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** The default bound of idle warm slots for a node of {@code workers} workers: four per worker. */
    public static int defaultMaxIdleSlots(int workers) {
        return 4 * workers;
    }

    /** {@code workers} workers, the default pool bounds. */
    public static RuntimeSettings of(int workers) {
        return new RuntimeSettings(workers, defaultMaxIdleSlots(workers), DEFAULT_SLOT_IDLE_TIMEOUT);
    }

    /** One worker per available processor, the default pool bounds. */
    public static RuntimeSettings defaults() {
        return of(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
