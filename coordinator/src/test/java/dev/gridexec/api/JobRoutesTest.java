package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class JobRoutesTest extends PlainApiPerTest {

    static final String PRIMES = "{\"kernel\":\"primes\",\"params\":{\"limit\":100000},\"chunks\":8}";

    @Test
    void submittedJobIsAcceptedThenSucceedsWithTheExactResult() throws Exception {
        JsonNode accepted = api.submit(PRIMES);
        // A job this small may already have ended by the time the 202 is written (seen in CI on 2 cores).
        assertThat(accepted.get("state").asText()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(accepted.get("task").get("kernel").asText()).isEqualTo("primes");
        assertThat(accepted.get("task").get("chunks").asInt()).isEqualTo(8);

        JsonNode done = api.awaitEnd(accepted.get("id").asText());

        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("result").get("count").asLong()).isEqualTo(9592);
        assertThat(done.get("chunks").get("done").asInt()).isEqualTo(8);
        assertThat(fieldNames(done)).containsExactly("id", "state", "task", "result", "warnings", "chunks", "timing", "placement", "dispatch",
                "owner", "acceptedAt");
    }

    @Test
    void listShowsEveryJobNewestFirst() throws Exception {
        String first = api.submit(PRIMES).get("id").asText();
        api.awaitEnd(first);
        String second = api.submit(PRIMES).get("id").asText();
        api.awaitEnd(second);

        HttpResponse<String> response = api.get("/jobs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.get("next").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(record -> ids.add(record.get("id").asText()));
        assertThat(ids).containsExactly(second, first);
        assertThat(page.get("jobs").findValues("result")).as("results are left out by default").isEmpty();
    }

    @Test
    void listIsPagedNewestFirstWithACursorAndResultsOnlyWhenAsked() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = api.submit(PRIMES).get("id").asText();
            api.awaitEnd(id);
            submitted.add(0, id);
        }

        JsonNode first = json(api.get("/jobs?limit=2"));
        JsonNode second = json(api.get("/jobs?limit=2&after=" + first.get("next").asText()));
        JsonNode last = json(api.get("/jobs?limit=2&results=true&after=" + second.get("next").asText()));

        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second, last)) {
            page.get("jobs").forEach(record -> ids.add(record.get("id").asText()));
        }
        assertThat(ids).containsExactlyElementsOf(submitted);
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("jobs").get(0).get("result").get("count").asLong()).isEqualTo(9592);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=ten", "after=", "after=no-such-job", "results=maybe"})
    void badListQueryIs400NamingTheParameter(String query) throws Exception {
        HttpResponse<String> response = api.get("/jobs?" + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("path").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
    }

    @Test
    void twoJobsSubmittedTogetherBothSucceed() throws Exception {
        String spin = "{\"kernel\":\"probe\",\"params\":{\"action\":\"spin\",\"millis\":20},\"chunks\":10,\"workers\":1}";
        var a = api.http().sendAsync(api.request("/jobs").POST(HttpRequest.BodyPublishers.ofString(spin)).build(),
                HttpResponse.BodyHandlers.ofString());
        var b = api.http().sendAsync(api.request("/jobs").POST(HttpRequest.BodyPublishers.ofString(PRIMES)).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode doneA = api.awaitEnd(json(a.get(30, TimeUnit.SECONDS)).get("id").asText());
        JsonNode doneB = api.awaitEnd(json(b.get(30, TimeUnit.SECONDS)).get("id").asText());

        assertThat(doneA.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(doneA.get("result").get("chunks").asInt()).isEqualTo(10);
        assertThat(doneB.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(doneB.get("result").get("count").asLong()).isEqualTo(9592);
    }

    @Test
    void aJobRunsToTheEndWhileAnotherIsStillRunning() throws Exception {
        String longJob = api.submit("{\"kernel\":\"probe\",\"params\":{\"action\":\"spin\",\"millis\":60000},\"chunks\":2,\"workers\":1}")
                .get("id").asText();

        JsonNode quick = api.awaitEnd(api.submit(PRIMES).get("id").asText());

        assertThat(quick.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(quick.get("result").get("count").asLong()).isEqualTo(9592);
        assertThat(json(api.get("/jobs/" + longJob)).get("state").asText()).isIn("QUEUED", "RUNNING");
        assertThat(json(api.delete("/jobs/" + longJob)).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void deleteCancelsALongRunningJob() throws Exception {
        String id = api.submit("{\"kernel\":\"probe\",\"params\":{\"action\":\"spin\",\"millis\":60000},\"chunks\":4,\"workers\":2}")
                .get("id").asText();

        HttpResponse<String> response = api.delete("/jobs/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode record = json(response);
        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(record.get("error").get("reason").asText()).isEqualTo("cancelled");
        assertThat(api.awaitEnd(id).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void deleteOfAnEndedJobLeavesItAsItEnded() throws Exception {
        String id = api.submit(PRIMES).get("id").asText();
        api.awaitEnd(id);

        HttpResponse<String> response = api.delete("/jobs/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void jobWhoseKernelAlwaysThrowsFailsNamingTheChunk() throws Exception {
        String id = api.submit("{\"kernel\":\"probe\",\"params\":{\"action\":\"throw\",\"failChunk\":2},\"chunks\":4,\"maxAttempts\":2}")
                .get("id").asText();

        JsonNode record = api.awaitEnd(id);

        assertThat(record.get("state").asText()).isEqualTo("FAILED");
        assertThat(record.get("error").get("chunk").asInt()).isEqualTo(2);
        assertThat(record.get("error").get("message").asText()).contains("chunk 2 failed after 2 attempts");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "no-such-job",
            "00000000-0000-0000-0000-000000000000",
            "a.b.c",
            "...",
            "日本語のジョブ",
            "%E2%98%83%20snow",
            "a%2Fb",
            "x%00y",
            "@LONG@"})
    void unknownIdsOfAnyShapeAre404WithTheIdPath(String raw) throws Exception {
        String id = raw.equals("@LONG@") ? "j".repeat(2000) : raw;
        String path = "/jobs/" + (id.chars().allMatch(c -> c < 128) ? id : URLEncoder.encode(id, StandardCharsets.UTF_8));

        for (HttpResponse<String> response : List.of(api.get(path), api.delete(path))) {
            assertThat(response.statusCode()).as("%s %s", response.request().method(), path).isEqualTo(404);
            JsonNode error = json(response).get("errors").get(0);
            assertThat(error.get("path").asText()).isEqualTo("id");
            assertThat(error.get("message").asText()).startsWith("no job with id ");
        }
        assertThat(api.get(path + "/events").statusCode()).isEqualTo(404);
    }

    @Test
    void percentEncodedIdIsDecodedInTheMessage() throws Exception {
        HttpResponse<String> response = api.get("/jobs/%E2%98%83%20snow");

        assertThat(json(response).get("errors").get(0).get("message").asText()).isEqualTo("no job with id \u2603 snow");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
