package dev.gridexec.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A running coordinator seen by the cluster tests: submits jobs and follows them on their event stream
 * ({@code GET /jobs/{id}/events}), so that waits are woken by the server's events, not by polling.
 */
final class JobStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;

    JobStream(String url) {
        this.url = url;
    }

    /** Submits a task (JSON text) and returns the job's id; fails unless the coordinator answers 202. */
    String submit(String task) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Submits a task and returns the job's id once at least {@code done} of its chunks have an output: a job mid-way. */
    String submitAndAwaitDone(String task, int done, int seconds) throws Exception {
        String id = submit(task);
        awaitDone(id, done, seconds);
        return id;
    }

    /** Returns once at least {@code done} chunks of the job have an output, or the job has ended. */
    void awaitDone(String id, int done, int seconds) throws Exception {
        follow(id, (event, data) -> switch (event) {
            case "state" -> data.get("chunks").get("done").asInt() >= done;
            case "progress" -> data.get("done").asInt() >= done;
            default -> false;
        }, done + " chunks done", seconds);
    }

    /** Returns the job's final record. */
    JsonNode awaitEnd(String id, int seconds) throws Exception {
        return follow(id, (event, data) -> false, "the end", seconds);
    }

    /**
     * Checks the end of a job that lost a node stopped gracefully while it ran: SUCCEEDED with {@code count} primes,
     * all {@code chunks} done, none failed and none run again (a draining node hands back what it has not started).
     */
    static void assertNoChunkRunAgain(JsonNode job, long count, int chunks) {
        assertSucceeded(job, count);
        assertThat(job.get("chunks").get("failed").asInt()).as(job.toString()).isZero();
        assertThat(job.get("chunks").get("retried").asInt()).as("chunks run again: a draining node hands back what it has not started: " + job).isZero();
        assertThat(job.get("chunks").get("done").asInt()).isEqualTo(chunks);
    }

    /**
     * Checks the end of a job that lost a node killed while it ran: SUCCEEDED with {@code count} primes, all
     * {@code chunks} done, the killed node's chunks run again elsewhere: retried once the failure detector dropped it,
     * or copied (speculative) before that, when they were late.
     */
    static void assertChunksRunAgainElsewhere(JsonNode job, long count, int chunks) {
        assertSucceeded(job, count);
        assertThat(job.get("chunks").get("retried").asInt() + job.get("chunks").get("speculative").asInt())
                .as("chunks run again elsewhere: " + job).isPositive();
        assertThat(job.get("chunks").get("done").asInt()).isEqualTo(chunks);
    }

    private static void assertSucceeded(JsonNode job, long count) {
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("result").get("count").asLong()).isEqualTo(count);
    }

    /** What one event says: its name and its data. */
    private interface Condition {
        boolean test(String event, JsonNode data);
    }

    /** Reads the job's events until {@code condition} holds for one or the {@code end} event comes; returns that event's data. */
    private JsonNode follow(String id, Condition condition, String what, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/jobs/" + id + "/events")).build();
        HttpResponse<Stream<String>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(seconds, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as("GET /jobs/%s/events", id).isEqualTo(200);
        try (Stream<String> lines = response.body()) {
            CompletableFuture<JsonNode> found = CompletableFuture.supplyAsync(() -> read(lines.iterator(), condition));
            return found.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("job " + id + " did not reach " + what + " in " + seconds + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError("job " + id + ": its event stream broke before " + what, e.getCause());
        }
    }

    private static JsonNode read(Iterator<String> lines, Condition condition) {
        String event = "";
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                JsonNode data = parse(line.substring("data:".length()).trim());
                if (event.equals("end") || condition.test(event, data)) {
                    return data;
                }
            }
        }
        throw new IllegalStateException("the event stream ended without an end event");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
