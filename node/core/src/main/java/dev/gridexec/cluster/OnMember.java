package dev.gridexec.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

/** A task sent to a member, which Hazelcast tells the member's own instance before it runs there (it never travels). */
abstract class OnMember implements HazelcastInstanceAware {

    private transient HazelcastInstance hazelcast;

    @Override
    public final void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    /** The instance of the member this runs on. */
    final HazelcastInstance hazelcast() {
        return hazelcast;
    }
}
