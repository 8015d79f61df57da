package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.coordinator.StoredJobService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /jobs/{id}/result} and results kept apart: a result whose JSON is over the coordinator's
 * {@code max-inline-result} leaves the record ({@code resultStored} says how large it was) and the route serves it,
 * the same bytes a record would have carried; a smaller one stays in the record.
 */
@Timeout(120)
class ResultRouteTest {

    /** A 200 x 200 image with its pixel counts: about 100 KB of JSON, over the default 64 KiB. */
    private static final String LARGE = "{\"kernel\":\"mandelbrot\",\"params\":{\"width\":200,\"height\":200,\"maxIterations\":20,"
            + "\"pixels\":true},\"chunks\":4}";
    /** A 20 x 20 one: about 1 KB. */
    private static final String SMALL = "{\"kernel\":\"mandelbrot\",\"params\":{\"width\":20,\"height\":20,\"maxIterations\":20,"
            + "\"pixels\":true},\"chunks\":2}";
    private static final String SLOW = "{\"kernel\":\"probe\",\"params\":{\"action\":\"wait\",\"millis\":30000},\"chunks\":1}";
    private static final String TOKEN = "result-route-token-0123456789";

    private ApiFixture api;
    private ApiFixture inline;

    @AfterEach
    void stop() throws Exception {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            if (inline != null) {
                inline.close();
            }
        }
    }

    private static ApiFixture start(int maxInlineResult) throws Exception {
        return ApiFixture.start(new ApiSettings("127.0.0.1", 0, 4096, ApiFixture.MAX_ARTIFACT_BYTES),
                () -> List.of(ApiFixture.LOCAL_NODE), Function.identity(), maxInlineResult);
    }

    @Test
    void aResultOverTheLimitIsKeptApartAndServedByTheRouteAsTheRecordWouldHaveCarriedIt() throws Exception {
        api = start(StoredJobService.DEFAULT_MAX_INLINE_RESULT);
        inline = start(Integer.MAX_VALUE - 8);

        HttpResponse<String> waited = api.post("/jobs?wait=true&maxWait=60s", LARGE);
        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
        JsonNode record = ApiFixture.json(waited);
        assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.has("result")).as("the record leaves the result out: %s", record).isFalse();
        long bytes = record.path("resultStored").path("bytes").asLong();
        assertThat(bytes).isGreaterThan(StoredJobService.DEFAULT_MAX_INLINE_RESULT);
        String id = record.get("id").asText();

        HttpResponse<String> served = api.get("/jobs/" + id + "/result");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        byte[] body = served.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).hasSize((int) bytes);

        // the same job on a coordinator that keeps every result inline: its record carries exactly these bytes
        HttpResponse<String> inlineWaited = inline.post("/jobs?wait=true&maxWait=60s", LARGE);
        String inlineRecord = inlineWaited.body();
        assertThat(inlineRecord).contains("\"result\":" + served.body() + ",");
        JsonNode inlineJson = ApiFixture.JSON.readTree(inlineRecord);
        assertThat(inlineJson.has("resultStored")).isFalse();
        assertThat(inline.get("/jobs/" + inlineJson.get("id").asText() + "/result").body()).isEqualTo(served.body());

        // every other way the record is read says the same
        JsonNode found = ApiFixture.json(api.get("/jobs/" + id));
        assertThat(found.has("result")).isFalse();
        assertThat(found.path("resultStored").path("bytes").asLong()).isEqualTo(bytes);
        JsonNode listed = ApiFixture.json(api.get("/jobs?results=true")).get("jobs").get(0);
        assertThat(listed.has("result")).isFalse();
        assertThat(listed.path("resultStored").path("bytes").asLong()).isEqualTo(bytes);
        String events = api.get("/jobs/" + id + "/events").body();
        assertThat(events).contains("\"resultStored\":{\"bytes\":" + bytes + "}").doesNotContain("\"result\":");
    }

    @Test
    void aResultUnderTheLimitStaysInTheRecordAndTheRouteServesItToo() throws Exception {
        api = start(StoredJobService.DEFAULT_MAX_INLINE_RESULT);
        HttpResponse<String> waited = api.post("/jobs?wait=true&maxWait=60s", SMALL);
        JsonNode record = ApiFixture.json(waited);
        assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.has("resultStored")).isFalse();
        HttpResponse<String> served = api.get("/jobs/" + record.get("id").asText() + "/result");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(waited.body()).contains("\"result\":" + served.body() + ",");
        assertThat(ApiFixture.JSON.readTree(served.body()).get("pixels")).hasSize(400);
    }

    @Test
    void aLimitOfZeroKeepsEveryResultApart() throws Exception {
        api = start(0);
        JsonNode record = ApiFixture.json(api.post("/jobs?wait=true&maxWait=60s",
                "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":2}"));
        assertThat(record.has("result")).isFalse();
        assertThat(record.path("resultStored").path("bytes").asLong()).isEqualTo("{\"count\":168}".length());
        assertThat(api.get("/jobs/" + record.get("id").asText() + "/result").body()).isEqualTo("{\"count\":168}");
    }

    @Test
    void theRouteSaysWhyThereIsNoResult() throws Exception {
        api = start(StoredJobService.DEFAULT_MAX_INLINE_RESULT);
        HttpResponse<String> unknown = api.get("/jobs/nope/result");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"errors\":[{\"path\":\"id\",\"message\":\"no job with id nope\"}]}");

        String id = api.submit(SLOW).get("id").asText();
        HttpResponse<String> running = api.get("/jobs/" + id + "/result");
        assertThat(running.statusCode()).isEqualTo(409);
        assertThat(ApiFixture.JSON.readTree(running.body()).at("/errors/0/message").asText())
                .startsWith("job " + id + " is still ").endsWith("it has no result yet");

        assertThat(api.delete("/jobs/" + id).statusCode()).isEqualTo(200);
        HttpResponse<String> cancelled = api.get("/jobs/" + id + "/result");
        assertThat(cancelled.statusCode()).isEqualTo(409);
        assertThat(ApiFixture.JSON.readTree(cancelled.body()).at("/errors/0/message").asText())
                .isEqualTo("job " + id + " ended CANCELLED, so it has no result: cancelled: the job was cancelled");
    }

    @Test
    void theRouteAsksForTheToken() throws Exception {
        api = ApiFixture.startWithToken(TOKEN);
        HttpResponse<String> refused = api.get("/jobs/nope/result");
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> asked = api.send(api.request("/jobs/nope/result").header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(asked.statusCode()).isEqualTo(404);
    }
}
