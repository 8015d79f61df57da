package dev.gridexec.wire;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's load as {@code GET /nodes} shows it.
 *
 * @param capacity      the most workers the node runs at once, for all jobs together
 * @param busyWorkers   workers running a chunk now
 * @param runningJobs   jobs open on the node now
 * @param warmSlots     warm slots (idle or leased) per kernel identity: a built-in name, or artifact digest + class
 * @param cpuLoad       the node process's CPU load, 0..1 of the processors it may use (see {@link ProcessLoad}); -1 unknown
 * @param heapUsedBytes heap bytes in use
 * @param heapMaxBytes  the most heap the node's JVM may use; -1 when it has no limit
 * @param draining      whether the node has stopped taking work (it is shutting down)
 */
public record NodeLoad(int capacity, int busyWorkers, int runningJobs, Map<String, Integer> warmSlots,
                       double cpuLoad, long heapUsedBytes, long heapMaxBytes, boolean draining)
        implements Serializable {

    public NodeLoad {
        warmSlots = Collections.unmodifiableMap(new TreeMap<>(warmSlots));
    }

    /** This load, with the node draining or not. */
    public NodeLoad withDraining(boolean isDraining) {
        return new NodeLoad(capacity, busyWorkers, runningJobs, warmSlots, cpuLoad, heapUsedBytes, heapMaxBytes, isDraining);
    }
}
