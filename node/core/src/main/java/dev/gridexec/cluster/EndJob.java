package dev.gridexec.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;

/** Tells every member that a job has ended (succeeded, failed, cancelled): stop its chunks, free its slots. */
public final class EndJob implements Runnable, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private transient HazelcastInstance hazelcast;

    public EndJob(String jobId) {
        this.jobId = jobId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public void run() {
        NodeService service = NodeService.find(hazelcast);
        if (service != null) {
            service.end(jobId);
        }
    }
}
