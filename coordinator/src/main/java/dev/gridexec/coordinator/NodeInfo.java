package dev.gridexec.coordinator;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node as {@code GET /nodes} shows it.
 *
 * @param name        the node's name
 * @param address     host:port of its cluster endpoint ({@code in-process} for the embedded node)
 * @param processors  processors its JVM sees
 * @param maxWorkers  the most workers a task may use on it (its capacity)
 * @param version     gridexec version it runs
 * @param runningJobs jobs with chunks on it now
 * @param capacity    the most workers it runs at once, for all jobs together
 * @param busyWorkers workers running a chunk now (-1: the node did not answer in time)
 * @param warmSlots   warm slots it holds per kernel (a built-in name, or artifact sha256/class name)
 * @param slow        whether a running job found its chunks persistently slower than other nodes' (it gets less work)
 */
public record NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs,
                       int capacity, int busyWorkers, Map<String, Integer> warmSlots, boolean slow) {

    @JsonCreator
    public NodeInfo {
        warmSlots = warmSlots == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(warmSlots));
    }

    /** A node not marked slow. */
    public NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs,
                    int capacity, int busyWorkers, Map<String, Integer> warmSlots) {
        this(name, address, processors, maxWorkers, version, runningJobs, capacity, busyWorkers, warmSlots, false);
    }

    /** This node, marked slow or not. */
    public NodeInfo withSlow(boolean isSlow) {
        return new NodeInfo(name, address, processors, maxWorkers, version, runningJobs, capacity, busyWorkers, warmSlots, isSlow);
    }

    /** A node whose live load is not known: its capacity is {@code maxWorkers}, busy workers unknown, no warm slots. */
    public NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs) {
        this(name, address, processors, maxWorkers, version, runningJobs, maxWorkers, -1, Map.of());
    }
}
