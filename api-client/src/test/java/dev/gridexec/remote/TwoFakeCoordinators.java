package dev.gridexec.remote;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the failover tests: two scripted coordinators, started before each test and closed after it, and
 * clients over any list of URLs (theirs, or {@link FakeCoordinator#closedPortUrl() dead ones}).
 */
abstract class TwoFakeCoordinators {

    FakeCoordinator first;
    FakeCoordinator second;

    @BeforeEach
    final void startCoordinators() throws Exception {
        first = FakeCoordinator.start();
        second = FakeCoordinator.start();
    }

    @AfterEach
    final void stopCoordinators() {
        first.close();
        second.close();
    }

    /** A client over these URLs, in this order, as the public constructor makes it. */
    static CoordinatorClient client(String... urls) {
        return new CoordinatorClient(Coordinators.parse(List.of(urls)), Optional.empty());
    }

    /** A client over these URLs, in this order, that follows a job with this patience. */
    static CoordinatorClient client(Following.Patience patience, String... urls) {
        return new CoordinatorClient(Coordinators.parse(List.of(urls)), Optional.empty(), CoordinatorClient.CONNECT_TIMEOUT,
                CoordinatorClient.ANSWER_TIMEOUT, patience);
    }
}
