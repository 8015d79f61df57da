package dev.gridexec.runtime;

import java.util.List;

/**
 * What opening a job's execution model on a node cost.
 *
 * @param totalNanos the whole opening: resolving the kernel, its instance and params, leasing or building slots
 * @param slotNanos  what getting each slot cost (a new one: class loader, kernel classes, params; a warm one:
 *                   its params), empty unless {@code slots}
 */
public record Startup(long totalNanos, List<Long> slotNanos) {
    public Startup {
        slotNanos = List.copyOf(slotNanos);
    }
}
