package dev.gridexec.cluster;

import dev.gridexec.trust.Seal;
import java.io.Serializable;

/** Tells every member that a job has ended (succeeded, failed, cancelled): stop its chunks, free its slots. */
public final class EndJob extends OnMember implements Runnable, Serializable {
    private static final long serialVersionUID = 1L;

    private static final String KIND = "end-job";

    private final String jobId;
    private final byte[] mac;

    /** The end of job {@code jobId}, signed with {@code seal} (the sender's): a node with a cluster secret ignores it unsigned. */
    public EndJob(Seal seal, String jobId) {
        this.jobId = jobId;
        this.mac = seal.sign(KIND, jobId);
    }

    @Override
    public void run() {
        NodeService service = NodeService.find(hazelcast());
        if (service != null && Seal.of(hazelcast()).admits(KIND, jobId, mac)) {
            service.end(jobId);
        }
    }
}
