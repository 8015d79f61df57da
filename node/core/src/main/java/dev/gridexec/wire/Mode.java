package dev.gridexec.wire;

import java.util.Optional;

/** How chunks run inside one node: the execution models gridexec compares. */
public enum Mode implements WireNamed {
    /** Free threads, shared memory, no lock: free-threaded ("NoGIL") Python 3.13t+. */
    THREADS,
    /** Isolated interpreter slots: own class loader, own lock, data copied in and out: Python 3.12+ sub-interpreters. */
    SLOTS,
    /** All threads share one global lock: classic CPython threads. */
    GIL,
    /**
     * Warm worker processes, one chunk at a time each, data copied in and out: Python's multiprocessing Pool. Each
     * worker is a child JVM of the node that the node keeps and reuses.
     */
    PROCESSES;

    /** The mode named {@code name} in task.json, if any. */
    public static Optional<Mode> fromWireName(String name) {
        return WireNamed.fromWireName(values(), name);
    }
}
