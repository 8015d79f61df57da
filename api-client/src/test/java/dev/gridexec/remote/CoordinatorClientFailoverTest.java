package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.artifacts.ArtifactInfo;
import dev.gridexec.wire.JobState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client given several coordinators moves on from one it cannot reach, and never submits a job twice. */
@Timeout(30)
class CoordinatorClientFailoverTest extends TwoFakeCoordinators {

    private static final byte[] TASK = "{\"kernel\":\"primes\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReadMovesOnFromAClosedPortToALiveCoordinatorAndStaysThere() throws Exception {
        String dead = FakeCoordinator.closedPortUrl();
        second.answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 3)).answer("GET", "/nodes", 200, List.of());
        CoordinatorClient client = client(dead, second.url());

        assertThat(client.job("j1").chunks().done()).isEqualTo(3);
        assertThat(client.url()).isEqualTo(URI.create(second.url()));
        assertThat(client.nodes()).isEmpty();
        assertThat(second.requests()).extracting(FakeCoordinator.Request::rawPath).containsExactly("/jobs/j1", "/nodes");
    }

    @Test
    void aCoordinatorThatIsStoppingIsLeftForTheNextAndNotAskedAgain() throws Exception {
        first.answer("GET", "/jobs", 503, Map.of("errors", List.of(Map.of("path", "$", "message", "stopping"))));
        second.answer("GET", "/jobs", 200, Map.of("jobs", List.of()))
                .answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"));
        CoordinatorClient client = client(first.url(), second.url());

        assertThat(client.jobs(10, null).jobs()).isEmpty();
        assertThat(client.cancel("j1").state()).isEqualTo(JobState.CANCELLED);
        assertThat(first.requests()).hasSize(1);
    }

    @Test
    void cancelMovesOnFromADeadCoordinator() throws Exception {
        second.answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"));

        assertThat(client(FakeCoordinator.closedPortUrl(), second.url()).cancel("j1").state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void whenNoCoordinatorAnswersTheErrorNamesEveryUrlTried() throws Exception {
        String dead = FakeCoordinator.closedPortUrl();
        first.answer("GET", "/jobs/j1", 503, Map.of("errors", List.of(Map.of("path", "$", "message", "the job store is unreachable"))));
        CoordinatorClient client = client(dead, first.url());

        assertThatThrownBy(() -> client.job("j1"))
                .isInstanceOfSatisfying(CoordinatorUnreachableException.class,
                        e -> assertThat(e.tried()).containsExactly(URI.create(dead), URI.create(first.url())))
                .hasMessage("cannot reach any of the 2 coordinators: " + dead + " (connection refused), " + first.url()
                        + " (HTTP 503: $: the job store is unreachable)");
    }

    @Test
    void anAnswerThatIsAnErrorIsNotTakenToAnotherCoordinator() throws Exception {
        first.unknownJob("GET", "/jobs/nope", "nope");
        second.answer("GET", "/jobs/nope", 200, TestRecords.running("nope", 1));

        assertThatThrownBy(() -> client(first.url(), second.url()).job("nope")).isInstanceOf(JobNotFoundException.class);
        assertThat(second.requests()).isEmpty();
    }

    @Test
    void aSubmitMovesOnWhenTheConnectionWasRefused() throws Exception {
        second.answer("POST", "/jobs", 202, TestRecords.queued("j1"));

        assertThat(client(FakeCoordinator.closedPortUrl(), second.url()).submit(TASK).id()).isEqualTo("j1");
        assertThat(second.count("POST", "/jobs")).isEqualTo(1);
    }

    @Test
    void aSubmitMovesOnFromA503WhichSaysTheJobWasNotAccepted() throws Exception {
        first.answer("POST", "/jobs", 503, Map.of("errors", List.of(Map.of("path", "$", "message", "stopping"))));
        second.answer("POST", "/jobs", 202, TestRecords.queued("j1"));

        assertThat(client(first.url(), second.url()).submit(TASK).id()).isEqualTo("j1");
        assertThat(first.count("POST", "/jobs")).isEqualTo(1);
        assertThat(second.count("POST", "/jobs")).isEqualTo(1);
    }

    @Test
    void aSubmitWhoseAnswerWasLostIsNotSentToAnotherCoordinator() throws Exception {
        first.dropConnection("POST", "/jobs");
        second.answer("POST", "/jobs", 202, TestRecords.queued("j2"));

        assertThatThrownBy(() -> client(first.url(), second.url()).submit(TASK))
                .isInstanceOf(CoordinatorUnreachableException.class)
                .hasMessageStartingWith("cannot reach the coordinator at " + first.url())
                .hasMessageContaining("after POST /jobs was sent: it may have been carried out (a submitted job: see client list),"
                        + " so it was not sent to another coordinator");
        assertThat(first.count("POST", "/jobs")).as("the first coordinator took the task").isEqualTo(1);
        assertThat(second.requests()).as("nothing went to the second").isEmpty();
    }

    @Test
    void aSubmitAnswered502ByAProxyIsNotSentToAnotherCoordinator() throws Exception {
        first.answer("POST", "/jobs", 502, "bad gateway");
        second.answer("POST", "/jobs", 202, TestRecords.queued("j2"));

        assertThatThrownBy(() -> client(first.url(), second.url()).submit(TASK))
                .isInstanceOfSatisfying(CoordinatorHttpException.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThat(second.requests()).isEmpty();
    }

    @Test
    void anUploadWhoseAnswerWasLostIsSentToTheNextCoordinatorAsItChangesNothingTwice() throws Exception {
        ArtifactInfo stored = new ArtifactInfo("ab".repeat(32), 3);
        first.dropConnection("POST", "/artifacts");
        second.answer("POST", "/artifacts", 200, stored);

        assertThat(client(first.url(), second.url()).upload(new byte[] {1, 2, 3})).isEqualTo(stored);
        assertThat(first.count("POST", "/artifacts")).isEqualTo(1);
    }
}
