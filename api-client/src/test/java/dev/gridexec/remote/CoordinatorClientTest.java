package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.wire.Problem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CoordinatorClientTest extends AgainstFakeCoordinator {

    private CoordinatorClient client;

    @BeforeEach
    void start() throws Exception {
        client = new CoordinatorClient(CoordinatorClient.parseUrl(fake.url()));
    }

    @Test
    void submitPostsTheTaskBytesAndReturnsTheAcceptedRecord() throws Exception {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"));
        byte[] task = "{\"kernel\":\"primes\",\"params\":{\"limit\":100000}}".getBytes(StandardCharsets.UTF_8);

        JobRecord accepted = client.submit(task);

        assertThat(accepted).isEqualTo(TestRecords.queued("j1"));
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEqualTo(task);
        });
    }

    @Test
    void invalidTaskIsRejectedWithEveryProblem() {
        fake.answer("POST", "/jobs", 400, Map.of("errors", List.of(
                Map.of("path", "params.limit", "message", "must be between 2 and 10^12, got -5"),
                Map.of("path", "workers", "message", "must be at least 1"))));

        assertThatThrownBy(() -> client.submit(new byte[] {'{', '}'}))
                .isInstanceOfSatisfying(TaskRejectedException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("params.limit", "must be between 2 and 10^12, got -5"), new Problem("workers", "must be at least 1")));
    }

    @Test
    void rejectionWithoutTheErrorDocumentBecomesOneProblemOnTheDocument() {
        fake.answer("POST", "/jobs", 400, "not json at all");

        assertThatThrownBy(() -> client.submit(new byte[0]))
                .isInstanceOfSatisfying(TaskRejectedException.class,
                        e -> assertThat(e.problems()).containsExactly(new Problem("$", "not json at all")));
    }

    @Test
    void taskOverTheBodyLimitIsTooLarge() {
        fake.answer("POST", "/jobs", 413, "");

        assertThatThrownBy(() -> client.submit(new byte[2048]))
                .isInstanceOf(TaskTooLargeException.class)
                .hasMessageContaining("2048 bytes").hasMessageContaining("413");
    }

    @Test
    void jobsNodesAndCancelReadTheCoordinatorsJson() throws Exception {
        NodeInfo node = new NodeInfo("node-a", "127.0.0.1:5701", 16, 16, "0.1.0", 1);
        fake.answer("GET", "/jobs", 200, Map.of("jobs", List.of(TestRecords.running("j2", 3), TestRecords.succeeded("j1"))))
                .answer("GET", "/jobs/j2", 200, TestRecords.running("j2", 3))
                .answer("DELETE", "/jobs/j2", 200, TestRecords.cancelled("j2"))
                .answer("GET", "/nodes", 200, List.of(node));

        assertThat(client.jobs(100, null).jobs()).extracting(JobRecord::id).containsExactly("j2", "j1");
        assertThat(client.job("j2").chunks().done()).isEqualTo(3);
        assertThat(client.cancel("j2").state()).isEqualTo(JobState.CANCELLED);
        assertThat(client.nodes()).containsExactly(node);
    }

    @Test
    void unknownJobIsNotFoundForEveryCallThatNamesOne() {
        fake.unknownJob("GET", "/jobs/nope", "nope").unknownJob("DELETE", "/jobs/nope", "nope")
                .unknownJob("GET", "/jobs/nope/events", "nope");

        assertThatThrownBy(() -> client.job("nope")).isInstanceOf(JobNotFoundException.class).hasMessageContaining("no job with id 'nope'");
        assertThatThrownBy(() -> client.cancel("nope")).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> client.follow("nope", new JobEvents() {
        }).await()).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> client.job(" ")).isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void idsArePercentEncodedAsOnePathSegment() throws Exception {
        fake.answer("GET", "/jobs/a%20b%2Fc%3Fd%C3%A9", 200, TestRecords.running("a b/c?dé", 1));

        assertThat(client.job("a b/c?dé").id()).isEqualTo("a b/c?dé");
    }

    @Test
    void pathUnderTheBaseUrlIsKept() throws Exception {
        fake.answer("GET", "/grid/jobs", 200, Map.of("jobs", List.of()));
        CoordinatorClient prefixed = new CoordinatorClient(CoordinatorClient.parseUrl(fake.url() + "/grid/"));

        assertThat(prefixed.jobs(10, "a b").jobs()).isEmpty();
        assertThat(fake.requests().get(0).query()).isEqualTo("limit=10&after=a+b");
    }

    @Test
    void unexpectedStatusIsAnHttpErrorCarryingTheCoordinatorsMessage() {
        fake.answer("GET", "/jobs", 500, Map.of("errors", List.of(Map.of("path", "$", "message", "hazelcast is down"))));

        assertThatThrownBy(() -> client.jobs(100, null))
                .isInstanceOfSatisfying(CoordinatorHttpException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining(fake.url()).hasMessageContaining("hazelcast is down");
    }

    @Test
    void unreadableAnswerIsAnHttpError() {
        fake.answer("GET", "/jobs/j1", 200, "{\"id\":");

        assertThatThrownBy(() -> client.job("j1")).isInstanceOf(CoordinatorHttpException.class).hasMessageContaining("unreadable");
    }

    @Test
    void closedPortIsUnreachableForEveryCallNamingTheUrl() throws Exception {
        String url = FakeCoordinator.closedPortUrl();
        CoordinatorClient dead = new CoordinatorClient(CoordinatorClient.parseUrl(url));
        List<ThrowingCall> calls = List.of(() -> dead.submit(new byte[] {'{', '}'}), () -> dead.job("j1"), () -> dead.jobs(100, null),
                () -> dead.cancel("j1"), dead::nodes, () -> dead.follow("j1", new JobEvents() {
                }).await());

        for (ThrowingCall call : calls) {
            assertThatThrownBy(call::call).isInstanceOf(CoordinatorUnreachableException.class)
                    .hasMessage("cannot reach the coordinator at " + url + ": connection refused");
        }
    }

    @Test
    void followDeliversEachEventAsItArrivesBeforeTheStreamEnds() throws Exception {
        CountDownLatch clientSawProgress = new CountDownLatch(1);
        fake.events("/jobs/j1/events", stream -> {
            stream.event("state", TestRecords.running("j1", 0)).raw(": heartbeat\n\n");
            stream.event("progress", new JobProgress(4, 8, 0, 50));
            // the end is only written once the client has shown the progress: a client that read the
            // whole body first would never see it and this test would time out
            assertThat(clientSawProgress.await(10, TimeUnit.SECONDS)).as("client saw progress before the end").isTrue();
            stream.event("end", TestRecords.succeeded("j1"));
        });
        List<Object> seen = new CopyOnWriteArrayList<>();

        Following following = client.follow("j1", new JobEvents() {
            @Override
            public void state(JobRecord record) {
                seen.add(record.state());
            }

            @Override
            public void progress(JobProgress progress) {
                seen.add(progress);
                clientSawProgress.countDown();
            }
        });

        assertThat(following.await()).contains(TestRecords.succeeded("j1"));
        assertThat(seen).containsExactly(JobState.RUNNING, new JobProgress(4, 8, 0, 50));
    }

    @Test
    void streamThatClosesWithoutAnEndEventEndsEmpty() throws Exception {
        fake.events("/jobs/j1/events", stream -> stream.event("state", TestRecords.running("j1", 2)));

        assertThat(client.follow("j1", new JobEvents() {
        }).await()).isEmpty();
    }

    @Test
    void closeStopsFollowingAtOnceWithoutTouchingTheJob() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        fake.events("/jobs/j1/events", stream -> {
            stream.event("state", TestRecords.running("j1", 2));
            stream.holdOpen();
        });
        Following following = client.follow("j1", new JobEvents() {
            @Override
            public void state(JobRecord record) {
                opened.countDown();
            }
        });
        assertThat(opened.await(10, TimeUnit.SECONDS)).as("stream opened").isTrue();
        CompletableFuture<Optional<JobRecord>> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return following.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        following.close();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::method).containsOnly("GET");
    }

    @Test
    void eventStreamMayRunLongerThanTheAnswerTimeout() throws Exception {
        CoordinatorClient impatient = new CoordinatorClient(URI.create(fake.url()), Duration.ofSeconds(5), Duration.ofMillis(200));
        CountDownLatch never = new CountDownLatch(1);
        fake.events("/jobs/j1/events", stream -> {
            stream.event("state", TestRecords.running("j1", 2));
            assertThat(never.await(800, TimeUnit.MILLISECONDS)).isFalse(); // a quiet job, longer than the answer timeout
            stream.event("end", TestRecords.succeeded("j1"));
        });

        assertThat(impatient.follow("j1", new JobEvents() {
        }).await()).contains(TestRecords.succeeded("j1"));
    }

    @Test
    void unreadableEventIsAnHttpError() {
        fake.events("/jobs/j1/events", stream -> stream.raw("event: progress\ndata: {\"done\":\n\n"));

        assertThatThrownBy(() -> client.follow("j1", new JobEvents() {
        }).await()).isInstanceOf(CoordinatorHttpException.class).hasMessageContaining("unreadable 'progress' event");
    }

    @Test
    void urlWithoutSchemeIsRefusedWithAHint() {
        assertThatThrownBy(() -> CoordinatorClient.parseUrl("localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did you mean http://localhost:8080");
        assertThatThrownBy(() -> CoordinatorClient.parseUrl("ftp://host:21")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> CoordinatorClient.parseUrl("http://host:8080/?q=1")).hasMessageContaining("no user, query");
        assertThatThrownBy(() -> CoordinatorClient.parseUrl("http://exa mple")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CoordinatorClient.parseUrl(" HTTP://127.0.0.1:8080/ ")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(CoordinatorClient.parseUrl("https://grid.example/api//")).isEqualTo(URI.create("https://grid.example/api"));
    }

    private interface ThrowingCall {
        Object call() throws Exception;
    }
}
