package dev.gridexec.runtime;

import dev.gridexec.runtime.sandbox.SandboxSettings;
import java.time.Duration;

/**
 * What a node runtime offers and keeps: its capacity and its warm slot pool's bounds.
 *
 * @param workers         the node's capacity: the most chunks it runs at once, for all jobs together; also its
 *                        number of worker threads (a slot's {@code threadsPerSlot} threads are workers too)
 * @param maxIdleSlots    the most idle warm slots kept over all kernels; beyond it the least recently used go
 *                        (0: every slot goes when its job ends)
 * @param slotIdleTimeout an idle warm slot unused this long goes
 * @param sandbox         how kernels run in child processes: jar kernels (a node process's default), {@code processes} mode
 */
public record RuntimeSettings(int workers, int maxIdleSlots, Duration slotIdleTimeout, SandboxSettings sandbox) {

    /** Jar kernels in this process ({@link SandboxSettings#inProcess}); {@code processes} mode still uses children. */
    public RuntimeSettings(int workers, int maxIdleSlots, Duration slotIdleTimeout) {
        this(workers, maxIdleSlots, slotIdleTimeout, SandboxSettings.inProcess(Math.max(1, workers)));
    }

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
        if (sandbox == null) {
            sandbox = SandboxSettings.inProcess(Math.max(1, workers));
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

    /** The same settings with {@code sandbox}. */
    public RuntimeSettings withSandbox(SandboxSettings sandbox) {
        return new RuntimeSettings(workers, maxIdleSlots, slotIdleTimeout, sandbox);
    }

    /** One worker per available processor, the default pool bounds. */
    public static RuntimeSettings defaults() {
        return of(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
