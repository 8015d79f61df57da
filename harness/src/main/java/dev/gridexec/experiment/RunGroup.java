package dev.gridexec.experiment;

import dev.gridexec.wire.Mode;
import java.util.List;

/**
 * One product of a sweep: every node count with every worker count, in one mode, under one label.
 * A spec's {@code modes}/{@code nodes}/{@code workers} form is one group per mode; its {@code runs} form
 * lists the groups itself.
 *
 * @param label   the report line its configurations belong to (the mode's name unless the spec names one)
 * @param mode    the execution model
 * @param nodes   node counts, in the spec's order
 * @param workers workers per node, in the spec's order
 */
public record RunGroup(String label, Mode mode, List<Integer> nodes, List<Integer> workers) {

    public RunGroup {
        nodes = List.copyOf(nodes);
        workers = List.copyOf(workers);
    }

    /** The group's configurations: each node count with each worker count, nodes outermost. */
    public List<Configuration> configurations() {
        return nodes.stream()
                .flatMap(n -> workers.stream().map(w -> new Configuration(label, mode, n, w)))
                .toList();
    }
}
