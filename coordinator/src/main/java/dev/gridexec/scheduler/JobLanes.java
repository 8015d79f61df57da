package dev.gridexec.scheduler;

import dev.gridexec.wire.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lanes one job has opened, one per member it ran on, kept after the job ends for its record's placement.
 *
 * <p>Guarded by the job's monitor: every method is called with {@link JobRun}'s monitor held.
 */
final class JobLanes {

    private final List<Lane> lanes = new ArrayList<>();

    void add(Lane lane) {
        lanes.add(lane);
    }

    /** The lanes as of now, to go through outside the job's monitor. */
    List<Lane> copy() {
        return List.copyOf(lanes);
    }

    /** The nodes whose lanes are alive. */
    Set<String> liveNodes() {
        Set<String> nodes = new TreeSet<>();
        for (Lane lane : lanes) {
            if (lane.alive()) {
                nodes.add(lane.node);
            }
        }
        return nodes;
    }

    /** The nodes whose live lanes are slow, or unresponsive by {@code dispatcher} (when there is one) at {@code now}. */
    Set<String> slowNodes(Dispatcher dispatcher, long now) {
        Set<String> nodes = new TreeSet<>();
        for (Lane lane : lanes) {
            if ((lane.slow || (dispatcher != null && dispatcher.unresponsive(lane, now))) && lane.alive()) {
                nodes.add(lane.node);
            }
        }
        return nodes;
    }

    /** Whether {@code node} has a live lane. */
    boolean liveOn(String node) {
        return lanes.stream().anyMatch(lane -> lane.node.equals(node) && lane.alive());
    }

    /** Chunk attempts in flight over all lanes. */
    int inFlight() {
        int inFlight = 0;
        for (Lane lane : lanes) {
            inFlight += lane.inFlight;
        }
        return inFlight;
    }

    /** Whether any lane has a chunk attempt in flight. */
    boolean anyInFlight() {
        return lanes.stream().anyMatch(lane -> lane.inFlight > 0);
    }

    /** Where the job's chunk outputs came from, a lane at a time. */
    List<Placement> placement() {
        List<Placement> placement = new ArrayList<>();
        for (Lane lane : lanes) {
            placement.add(lane.placement());
        }
        return placement;
    }

    /** The longest a lane's member took to start the job. */
    long startupMs() {
        long startupMs = 0;
        for (Lane lane : lanes) {
            startupMs = Math.max(startupMs, lane.startupMs());
        }
        return startupMs;
    }
}
