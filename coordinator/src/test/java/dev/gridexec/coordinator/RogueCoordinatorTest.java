package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.members.TestCluster;
import dev.gridexec.testkernels.board.ProbeBoard;
import dev.gridexec.trust.ClusterSecret;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member without the cluster secret that announces itself as a coordinator under the name of one that is about to die:
 * it does not count as that coordinator, so the job of the dead one is adopted all the same.
 */
@Timeout(180)
class RogueCoordinatorTest {

    private TestCluster cluster;
    private TestCoordinator first;
    private TestCoordinator second;
    private HazelcastInstance rogue;

    @BeforeEach
    void start() throws Exception {
        ProbeBoard.reset();
        cluster = TestCluster.withSecret(CoordinatorAdoptionTest.CATALOG, 2, ClusterSecret.of("rogue-coordinator-" + UUID.randomUUID()));
    }

    @AfterEach
    void stop() {
        if (rogue != null) {
            rogue.getLifecycleService().terminate();
        }
        if (second != null) {
            second.close();
        }
        cluster.close();
    }

    @Test
    void aRogueTakingADeadCoordinatorsNameDoesNotKeepItsJobFromAdoption() throws Exception {
        first = TestCoordinator.start(cluster, CoordinatorAdoptionTest.CATALOG, "coord-a", CoordinatorAdoptionTest.NO_COPIES);
        second = TestCoordinator.start(cluster, CoordinatorAdoptionTest.CATALOG, "coord-b", CoordinatorAdoptionTest.NO_COPIES);
        JobRecord accepted = first.service().submit(CoordinatorAdoptionTest.waitingJob());
        CompletableFuture<JobRecord> end = second.finished(accepted.id());
        assertThat(ProbeBoard.awaitFinished(12, Duration.ofSeconds(60))).as("12 chunks done").isTrue();
        rogue = Hazelcast.newHazelcastInstance(ClusterConfigs.member(cluster.withoutSecret(), "rogue-" + UUID.randomUUID(), true,
                MemberAttributes.coordinator("coord-a")));

        first.kill();

        JobRecord done = end.get(90, TimeUnit.SECONDS);
        CoordinatorAdoptionTest.assertExact(done);
        assertThat(done.owner()).isEqualTo("coord-b");
        assertThat(done.adoptions()).isEqualTo(1);
    }
}
