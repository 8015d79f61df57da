package dev.gridexec.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node as {@code GET /nodes} shows it.
 *
 * @param name          the node's name
 * @param address       host:port of its cluster endpoint ({@code in-process} for the embedded node)
 * @param processors    processors its JVM sees
 * @param maxWorkers    the most workers a task may use on it (its capacity)
 * @param version       gridexec version it runs
 * @param runningJobs   jobs with chunks on it now
 * @param capacity      the most workers it runs at once, for all jobs together
 * @param busyWorkers   workers running a chunk now (-1: the node did not answer in time)
 * @param warmSlots     warm slots it holds per kernel (a built-in name, or artifact sha256/class name)
 * @param slow          whether a running job found its chunks persistently slower than other nodes' (it gets less work)
 * @param cpuLoad       its process's CPU load, 0..1 of the processors it may use (-1: not known)
 * @param heapUsedBytes heap bytes its JVM uses (-1: not known)
 * @param heapMaxBytes  the most heap its JVM may use (-1: not known, or no limit)
 * @param state         ready, draining, or suspect (it did not answer in time, or a running job finds it slow);
 *                      null in JSON from an older coordinator: worked out from {@code slow} and {@code busyWorkers}
 */
public record NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs,
                       int capacity, int busyWorkers, Map<String, Integer> warmSlots, boolean slow,
                       double cpuLoad, long heapUsedBytes, long heapMaxBytes, State state) {

    /** Whether a node takes work as usual. */
    public enum State {
        /** It answered its load query and takes work. */
        @JsonProperty("ready") READY,
        /** It has stopped taking work: it is shutting down and finishing the chunks it holds. */
        @JsonProperty("draining") DRAINING,
        /** It did not answer its load query in time, or a running job finds its chunks persistently slow. */
        @JsonProperty("suspect") SUSPECT;

        /** The name on the wire and on screen. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @JsonCreator
    public NodeInfo {
        warmSlots = warmSlots == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(warmSlots));
        if (state == null) {
            state = slow || busyWorkers < 0 ? State.SUSPECT : State.READY;
        }
    }

    /** A node that answered its load query (busy workers, warm slots) but whose CPU load and heap are not known. */
    public NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs,
                    int capacity, int busyWorkers, Map<String, Integer> warmSlots) {
        this(name, address, processors, maxWorkers, version, runningJobs, capacity, busyWorkers, warmSlots, false,
                -1, -1, -1, State.READY);
    }

    /** A node whose live load is not known (it is suspect): its capacity is {@code maxWorkers}, busy workers unknown, no warm slots. */
    public NodeInfo(String name, String address, int processors, int maxWorkers, String version, int runningJobs) {
        this(name, address, processors, maxWorkers, version, runningJobs, maxWorkers, -1, Map.of(), false,
                -1, -1, -1, State.SUSPECT);
    }

    /** This node with the load it answered: capacity, busy workers, warm slots, CPU load, heap; ready or draining. */
    public NodeInfo withLoad(NodeLoad load) {
        State answered = load.draining() ? State.DRAINING : slow ? State.SUSPECT : State.READY;
        return new NodeInfo(name, address, processors, maxWorkers, version, runningJobs, load.capacity(), load.busyWorkers(),
                load.warmSlots(), slow, load.cpuLoad(), load.heapUsedBytes(), load.heapMaxBytes(), answered);
    }

    /** This node, marked slow or not; a slow node is suspect unless it is draining. */
    public NodeInfo withSlow(boolean isSlow) {
        State marked = state == State.DRAINING ? state : isSlow ? State.SUSPECT : state;
        return new NodeInfo(name, address, processors, maxWorkers, version, runningJobs, capacity, busyWorkers, warmSlots, isSlow,
                cpuLoad, heapUsedBytes, heapMaxBytes, marked);
    }
}
