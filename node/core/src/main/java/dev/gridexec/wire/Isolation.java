package dev.gridexec.wire;

import java.util.Optional;

/** How far a job's slots are kept apart from other jobs' (the {@code isolation} field of task.json). */
public enum Isolation implements WireNamed {
    /**
     * Slots are pooled per kernel and kept warm across jobs: a job may lease a slot an earlier job of the
     * same kernel used (its class loader, statics and JIT-compiled code). Slots stay isolated from each other.
     */
    KERNEL,
    /** Fresh slots for this job alone: no statics shared with an earlier job (round 1's behaviour). */
    JOB;

    /** The isolation named {@code name} in task.json, if any. */
    public static Optional<Isolation> fromWireName(String name) {
        return WireNamed.fromWireName(values(), name);
    }
}
