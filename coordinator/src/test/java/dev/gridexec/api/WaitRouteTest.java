package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.wire.JobRecord;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /jobs?wait=true}: the answer waits for the job's end, within a bound. */
@Timeout(60)
class WaitRouteTest extends PlainApiPerTest {

    private static final String SLEEPY = "{\"kernel\":\"sleep\",\"params\":{\"millis\":20000},\"chunks\":2,\"timeout\":\"1m\"}";

    @Test
    void waitAnswersTheFinalRecordOnceTheJobEnds() throws Exception {
        HttpResponse<String> response = api.post("/jobs?wait=true", JobRoutesTest.PRIMES);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = json(response);
        assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.get("result").get("count").asLong()).isEqualTo(9592);
        assertThat(record.get("chunks").get("done").asInt()).isEqualTo(8);
        assertThat(response.headers().firstValue("Location")).hasValue("/jobs/" + record.get("id").asText());
    }

    @Test
    void waitPastItsBoundAnswersTheRecordAsItStandsWith202() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = api.post("/jobs?wait=true&maxWait=300ms", SLEEPY);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode record = json(response);
        assertThat(record.get("state").asText()).isIn("QUEUED", "RUNNING");
        assertThat(tookMs).as("answered after the bound, long before the job's 20 s").isBetween(300L, 15_000L);
        api.delete("/jobs/" + record.get("id").asText());
    }

    @Test
    void aJobCancelledWhileWaitedForIsAnsweredCancelled() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return api.post("/jobs?wait=true", SLEEPY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String id = awaitTheOnlyJob();
        assertThat(api.delete("/jobs/" + id).statusCode()).isEqualTo(200);

        HttpResponse<String> response = waiting.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = json(response);
        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void withoutWaitTheAnswerIsTheAcceptedRecordAtOnce() throws Exception {
        HttpResponse<String> response = api.post("/jobs?wait=false", SLEEPY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode record = json(response);
        assertThat(record.get("state").asText()).isIn("QUEUED", "RUNNING");
        api.delete("/jobs/" + record.get("id").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wait=yes|wait|must be true or false, got 'yes'",
            "wait=true&wait=true|wait|is given 2 times",
            "wait=true&maxWait=soon|maxWait|must be a duration such as 500ms, 30s or PT1M, got 'soon'",
            "wait=true&maxWait=0s|maxWait|must be more than 0 and at most 10m, got '0s'",
            "wait=true&maxWait=11m|maxWait|must be more than 0 and at most 10m, got '11m'",
            "maxWait=5s|maxWait|goes with wait=true only"})
    void badWaitParametersAre400sNamingTheParameterAndRunNothing(String query, String path, String message) throws Exception {
        HttpResponse<String> response = api.post("/jobs?" + query, JobRoutesTest.PRIMES);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo(path);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(api.service().list()).isEmpty();
    }

    /** The id of the one job the service holds, once it has been accepted (polled, for at most 30 s). */
    private String awaitTheOnlyJob() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<JobRecord> jobs = api.service().list();
            if (!jobs.isEmpty()) {
                return jobs.get(0).id();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no job was accepted within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // poll interval, not synchronisation
        }
    }
}
