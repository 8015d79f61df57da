package dev.gridexec.cluster;

import dev.gridexec.trust.Seal;
import java.io.Serializable;

/** Tells every member that a job has ended (succeeded, failed, cancelled): stop its chunks, free its slots. */
public final class EndJob extends SignedOnMember implements Runnable, Serializable {
    private static final long serialVersionUID = 1L;

    private static final String KIND = "end-job";

    private final String jobId;

    /** The end of job {@code jobId}, signed with {@code seal} (the sender's): a node with a cluster secret ignores it unsigned. */
    public EndJob(Seal seal, String jobId) {
        super(seal, KIND, jobId);
        this.jobId = jobId;
    }

    @Override
    public void run() {
        NodeService service = NodeService.find(hazelcast());
        if (service != null && admitted(KIND, jobId)) {
            service.end(jobId);
        }
    }
}
