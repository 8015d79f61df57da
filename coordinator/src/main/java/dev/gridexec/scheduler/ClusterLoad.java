package dev.gridexec.scheduler;

import java.util.Map;

/**
 * What the other coordinators of a cluster hold on its nodes: every coordinator admits jobs against the workers all
 * of them have promised, not only its own. Calls come under the admission queue's lock: answer from memory, never
 * block.
 */
public interface ClusterLoad {

    /** A coordinator alone on its nodes (the embedded default, tests). */
    ClusterLoad ALONE = new ClusterLoad() {
        @Override
        public Map<String, Integer> heldElsewhere() {
            return Map.of();
        }

        @Override
        public void hold(String jobId, Map<String, Integer> workersPerNode) {
        }

        @Override
        public void release(String jobId) {
        }
    };

    /** Workers per node that running jobs of the other live coordinators hold now. */
    Map<String, Integer> heldElsewhere();

    /** Announces what job {@code jobId} of this coordinator holds now (replacing what it held before). */
    void hold(String jobId, Map<String, Integer> workersPerNode);

    /** Withdraws what job {@code jobId} held: it ended here. */
    void release(String jobId);
}
