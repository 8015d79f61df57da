package dev.gridexec.coordinator;

import static dev.gridexec.coordinator.CoordinatorAdoptionTest.CATALOG;
import static dev.gridexec.coordinator.CoordinatorAdoptionTest.CHUNKS;
import static dev.gridexec.coordinator.CoordinatorAdoptionTest.NO_COPIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.members.TestCluster;
import dev.gridexec.store.PostgresExtension;
import dev.gridexec.store.StoreSettings;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every process of a cluster killed at once, then the cluster started again on the same PostgreSQL database (as in
 * Kubernetes): the running job resumes from its ledger and ends exact, its finished chunks not run again.
 */
@Timeout(240)
class FullClusterRestartTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void runningJobResumesFromItsLedgerWhenTheWholeClusterIsKilledAndStartedAgainOnPostgres() throws Exception {
        ProbeBoard.reset();
        Optional<StoreSettings> store = Optional.of(POSTGRES.server().newDatabase());
        String id;
        TestCluster first = new TestCluster(CATALOG, 2, store);
        try {
            TestCoordinator owner = TestCoordinator.start(first, CATALOG, "coord-a", NO_COPIES);
            id = owner.service().submit(CoordinatorAdoptionTest.waitingJob()).id();
            assertThat(ProbeBoard.awaitFinished(12, Duration.ofSeconds(60))).as("12 chunks done").isTrue();
            owner.kill();
        } finally {
            first.close(); // every member terminated: nothing left but the database
        }

        TestCluster second = new TestCluster(CATALOG, 2, store);
        try {
            TestCoordinator again = TestCoordinator.start(second, CATALOG, "coord-a", NO_COPIES);
            try {
                JobRecord done = again.finished(id).get(120, TimeUnit.SECONDS);
                CoordinatorAdoptionTest.assertExact(done);
                assertThat(done.adoptions()).isEqualTo(1);
                assertThat(ProbeBoard.STARTED.get() - CHUNKS - done.chunks().speculative())
                        .as("chunks run a second time: %s", done.chunks()).isBetween(0, 8);
            } finally {
                again.close();
            }
        } finally {
            second.close();
        }
    }
}
