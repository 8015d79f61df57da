package dev.gridexec.runtime;

import java.util.List;

/**
 * What building an execution model cost.
 *
 * @param totalNanos the whole build, threads included
 * @param slotNanos  each slot's own start-up (class loader, kernel classes, params), empty unless {@code slots}
 */
public record Startup(long totalNanos, List<Long> slotNanos) {
    public Startup {
        slotNanos = List.copyOf(slotNanos);
    }
}
