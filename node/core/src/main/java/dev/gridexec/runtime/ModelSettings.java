package dev.gridexec.runtime;

import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;

/**
 * How to open a job's execution model on a node.
 *
 * @param mode             which model
 * @param workers          node workers the job may use at once (threads, gil), or slots it leases (slots)
 * @param threadsPerSlot   threads inside each slot, contending on the slot's lock (slots only)
 * @param switchIntervalMs how long a lock holder may keep the gil or a slot lock while others wait
 * @param isolation        whether the job's slots may be warm slots of earlier jobs of the same kernel
 */
public record ModelSettings(Mode mode, int workers, int threadsPerSlot, long switchIntervalMs, Isolation isolation) {
    public ModelSettings {
        if (workers < 1 || threadsPerSlot < 1 || switchIntervalMs < 1) {
            throw new IllegalArgumentException("workers, threadsPerSlot and switchIntervalMs must be positive");
        }
        if (isolation == null) {
            isolation = Isolation.KERNEL;
        }
    }
}
