package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /health/live} says DOWN when the API's worker pool is wedged, so that Kubernetes restarts the process. */
@Timeout(60)
class LivenessTest extends ApiPerTest {

    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(1);
    /** More than Vert.x's worker pool (20 threads): every thread held, more waiting. */
    private static final int BLOCKERS = 64;

    @Test
    void liveIs503NamingTheWorkerPoolWhileEveryWorkerIsHeldAndUpAgainOnceTheyAreFree() throws Exception {
        api = ApiFixture.start(ApiSettings.defaults().withMaxBodyBytes(4096).withLiveTimeout(LIVE_TIMEOUT),
                () -> List.of(ApiFixture.LOCAL_NODE), Function.identity());
        assertThat(api.get("/health/live").statusCode()).as("up before").isEqualTo(200);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Object>> blockers = new ArrayList<>();
        for (int i = 0; i < BLOCKERS; i++) {
            blockers.add(api.vertx().executeBlocking(() -> gate.await(30, TimeUnit.SECONDS), false));
        }

        long start = System.nanoTime();
        HttpResponse<String> wedged = api.get("/health/live");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        HttpResponse<String> again = api.get("/health/live"); // waits on the same probe, still queued
        gate.countDown();
        ApiFixture.await(Future.all(blockers));
        HttpResponse<String> freed = api.get("/health/live");

        assertThat(wedged.statusCode()).as(wedged.body()).isEqualTo(503);
        assertThat(json(wedged).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(wedged).get("reason").asText()).isEqualTo("the API's worker pool did not run a probe within 1000 ms:"
                + " its threads are all held; restart the process");
        assertThat(tookMillis).as("answered after the live timeout, not when the pool frees").isBetween(900L, 10_000L);
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(freed.statusCode()).as(freed.body()).isEqualTo(200);
        assertThat(freed.body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
