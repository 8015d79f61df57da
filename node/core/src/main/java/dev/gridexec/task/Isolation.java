package dev.gridexec.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** How far a job's slots are kept apart from other jobs' (the {@code isolation} field of task.json). */
public enum Isolation {
    /**
     * Slots are pooled per kernel and kept warm across jobs: a job may lease a slot an earlier job of the
     * same kernel used (its class loader, statics and JIT-compiled code). Slots stay isolated from each other.
     */
    KERNEL,
    /** Fresh slots for this job alone: no statics shared with an earlier job (round 1's behaviour). */
    JOB;

    /** The name used in task.json, lower case. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The isolation named {@code name} in task.json, if any. */
    public static Optional<Isolation> fromWireName(String name) {
        return Arrays.stream(values()).filter(i -> i.wireName().equals(name)).findFirst();
    }
}
