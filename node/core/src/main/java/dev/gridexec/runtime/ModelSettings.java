package dev.gridexec.runtime;

import dev.gridexec.task.Mode;

/**
 * How to build an execution model.
 *
 * @param mode             which model
 * @param workers          worker threads (threads, gil) or slots (slots)
 * @param threadsPerSlot   threads inside each slot, contending on the slot's lock (slots only)
 * @param switchIntervalMs how long a lock holder may keep the gil or a slot lock while others wait
 */
public record ModelSettings(Mode mode, int workers, int threadsPerSlot, long switchIntervalMs) {
    public ModelSettings {
        if (workers < 1 || threadsPerSlot < 1 || switchIntervalMs < 1) {
            throw new IllegalArgumentException("workers, threadsPerSlot and switchIntervalMs must be positive");
        }
    }
}
