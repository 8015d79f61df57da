package dev.gridexec.runtime;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's load as {@code GET /nodes} shows it.
 *
 * @param capacity    the most workers the node runs at once, for all jobs together
 * @param busyWorkers workers running a chunk now
 * @param runningJobs jobs open on the node now
 * @param warmSlots   warm slots (idle or leased) per kernel identity: a built-in name, or artifact digest + class
 */
public record NodeLoad(int capacity, int busyWorkers, int runningJobs, Map<String, Integer> warmSlots)
        implements Serializable {

    public NodeLoad {
        warmSlots = Collections.unmodifiableMap(new TreeMap<>(warmSlots));
    }
}
