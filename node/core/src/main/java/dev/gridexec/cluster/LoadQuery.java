package dev.gridexec.cluster;

import dev.gridexec.wire.NodeLoad;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a node for its live load (busy workers, open jobs, warm slots, CPU load, heap, draining), for
 * {@code GET /nodes}; sent on the control executor.
 */
public final class LoadQuery extends OnMember implements Callable<NodeLoad>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public NodeLoad call() {
        return NodeService.of(hazelcast()).load();
    }
}
