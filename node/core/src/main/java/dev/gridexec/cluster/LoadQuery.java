package dev.gridexec.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.gridexec.wire.NodeLoad;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a node for its live load (busy workers, open jobs, warm slots, CPU load, heap, draining), for
 * {@code GET /nodes}; sent on the control executor.
 */
public final class LoadQuery implements Callable<NodeLoad>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private transient HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public NodeLoad call() {
        return NodeService.of(hazelcast).load();
    }
}
