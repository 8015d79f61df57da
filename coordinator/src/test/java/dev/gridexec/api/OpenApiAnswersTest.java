package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.partition.NoDataMemberInClusterException;
import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.NodeLoad;
import dev.gridexec.scheduler.QueueFullException;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drives every route of a running API for real, errors included, and holds each answer to the schema that
 * /openapi.json gives for its route and status: a field added to a record, a new status or a new header that
 * the document does not tell of fails here.
 */
@Timeout(120)
class OpenApiAnswersTest extends ApiPerTest {

    private static final String TOKEN = "openapi-answers-token";
    private static final String TINY = "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":2}";
    private static final String SLOW = "{\"kernel\":\"probe\",\"params\":{\"action\":\"wait\",\"millis\":5000},\"chunks\":2}";
    private static final NodeInfo NODE = new NodeInfo("local-0", "in-process", 2, 2, "test", 1)
            .withLoad(new NodeLoad(2, 1, 1, Map.of("primes", 2), 0.42, 64L << 20, 512L << 20, false));
    /** A node whose load did not come in time: suspect, with -1 for what is not known. */
    private static final NodeInfo SILENT = new NodeInfo("local-1", "127.0.0.1:5702", 2, 2, "test", 0).withSlow(true);

    private final AtomicBoolean queueFull = new AtomicBoolean();
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private DocumentedAnswers answers;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(new ApiSettings("127.0.0.1", 0, 4096, ApiFixture.MAX_ARTIFACT_BYTES)
                        .withToken(ApiToken.of(TOKEN)).withTaskLimits(new TaskLimits(100, 64, 8, 128)),
                () -> List.of(NODE, SILENT), Switchable::new);
        answers = new DocumentedAnswers(ApiFixture.json(api.get("/openapi.json")));
    }

    @Test
    void everyAnswerOfTheRunningApiMatchesItsDocumentedSchema() throws Exception {
        String id = call("POST", "/jobs", "/jobs", TINY, 202).get("id").asText();
        JsonNode ended = call("POST", "/jobs?wait=true&maxWait=30s", "/jobs", TINY, 200);
        assertThat(ended.get("state").asText()).isEqualTo("SUCCEEDED");
        JsonNode slow = call("POST", "/jobs?wait=true&maxWait=100ms", "/jobs", SLOW, 202);
        String slowId = slow.get("id").asText();
        call("POST", "/jobs", "/jobs", "{\"kernel\":\"primes\",\"chunks\":0}", 400);
        call("POST", "/jobs", "/jobs", "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":101}", 400);
        call("POST", "/jobs?wait=yes", "/jobs", TINY, 400);
        call("POST", "/jobs", "/jobs", "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":2,\"name\":\""
                + "x".repeat(5000) + "\"}", 413);

        JsonNode first = call("GET", "/jobs?limit=2", "/jobs", null, 200);
        assertThat(first.get("jobs")).hasSize(2);
        assertThat(first.get("next").isTextual()).as("a next page: %s", first).isTrue();
        JsonNode last = call("GET", "/jobs?limit=2&after=" + first.get("next").asText(), "/jobs", null, 200);
        assertThat(last.get("next").isNull()).as("the last page: %s", last).isTrue();
        assertThat(call("GET", "/jobs?results=true", "/jobs", null, 200).get("jobs")).hasSize(3);
        call("GET", "/jobs?limit=ten", "/jobs", null, 400);
        call("GET", "/jobs?after=no-such-job", "/jobs", null, 400);

        String endedId = ended.get("id").asText();
        assertThat(call("GET", "/jobs/" + endedId, "/jobs/{id}", null, 200).has("result")).isTrue();
        call("GET", "/jobs/nope", "/jobs/{id}", null, 404);
        call("DELETE", "/jobs/nope", "/jobs/{id}", null, 404);
        events(slowId);
        events(endedId);
        call("GET", "/jobs/nope/events", "/jobs/{id}/events", null, 404);
        call("GET", "/jobs/" + endedId + "/result", "/jobs/{id}/result", null, 200);
        call("GET", "/jobs/" + slowId + "/result", "/jobs/{id}/result", null, 409);
        call("GET", "/jobs/nope/result", "/jobs/{id}/result", null, 404);

        byte[] jar = TestJars.testKernels();
        call("POST", "/artifacts", "/artifacts", jar, 201);
        call("POST", "/artifacts", "/artifacts", jar, 200);
        call("POST", "/artifacts", "/artifacts", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 400);
        call("POST", "/artifacts", "/artifacts", new byte[(int) ApiFixture.MAX_ARTIFACT_BYTES + 1], 413);

        call("GET", "/nodes", "/nodes", null, 200);
        call("GET", "/health/live", "/health/live", null, 200);
        call("GET", "/health/ready", "/health/ready", null, 200);
        call("GET", "/metrics", "/metrics", null, 200);
        call("GET", "/openapi.json", "/openapi.json", null, 200);
        call("GET", "/", "/", null, 200);
        call("GET", "/dashboard/app.js", "/dashboard/{file}", null, 200);
        call("GET", "/dashboard/nothing.js", "/dashboard/{file}", null, 404);
        call("PUT", "/jobs", "/jobs", null, 405);
        check("GET", "/nodes", answer(api.send(api.request("/nodes").GET().build())), 401);

        queueFull.set(true);
        call("POST", "/jobs", "/jobs", TINY, 429);
        queueFull.set(false);
        storeDown.set(true);
        call("GET", "/jobs", "/jobs", null, 503);
        call("GET", "/jobs/" + id, "/jobs/{id}", null, 503);
        storeDown.set(false);

        check("GET", "/jobs/{id}", raw("GET /jobs/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth() + "Connection: close\r\n\r\n"), 400);
        check("GET", "/jobs/{id}", raw("GET /jobs/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 414);
        check("GET", "/nodes", raw("GET /nodes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n"), 431);

        assertThat(answers.problems()).as("answers that /openapi.json does not describe").isEmpty();
        assertThat(answers.checked()).as("operations and statuses exercised").hasSizeGreaterThanOrEqualTo(30);
    }

    /** Sends one request with the token, checks its status and its documented shape; the body as JSON (null if not JSON). */
    private JsonNode call(String method, String uri, String documented, Object body, int status) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpResponse<String> response = api.send(api.request(uri).header("Authorization", "Bearer " + TOKEN)
                .method(method, publisher).build());
        DocumentedAnswers.Answer answer = answer(response);
        check(method, documented, answer, status);
        return answer.contentType() != null && answer.contentType().startsWith("application/json")
                ? ApiFixture.JSON.readTree(answer.body()) : null;
    }

    private void check(String method, String documented, DocumentedAnswers.Answer answer, int status) {
        assertThat(answer.status()).as("%s %s: %s", method, documented, answer.body()).isEqualTo(status);
        answers.check(method, documented, answer);
    }

    private static DocumentedAnswers.Answer answer(HttpResponse<String> response) {
        return new DocumentedAnswers.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                name -> response.headers().firstValue(name), response.body());
    }

    /** Follows a job's events (cancelling it, so that a running one ends) and holds each event's data to its schema. */
    private void events(String id) throws Exception {
        CompletableFuture<HttpResponse<String>> stream = api.http().sendAsync(api.request("/jobs/" + id + "/events")
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        call("DELETE", "/jobs/" + id, "/jobs/{id}", null, 200);
        HttpResponse<String> response = stream.get(ApiFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
        check("GET", "/jobs/{id}/events", answer(response), 200);
        Map<String, String> schemaOf = Map.of("state", "JobRecord", "progress", "JobProgress", "end", "JobRecord");
        int seen = 0;
        for (String event : response.body().split("\n\n")) {
            if (event.startsWith(":")) {
                continue;
            }
            String[] lines = event.split("\n");
            String name = lines[0].substring("event: ".length());
            assertThat(schemaOf).as("event %s", event).containsKey(name);
            answers.checkBody("GET /jobs/{id}/events event " + name, "/components/schemas/" + schemaOf.get(name),
                    lines[1].substring("data: ".length()));
            seen++;
        }
        assertThat(seen).as("events of %s: %s", id, response.body()).isGreaterThanOrEqualTo(2);
    }

    private static String auth() {
        return "Authorization: Bearer " + TOKEN + "\r\n";
    }

    /** Sends {@code request} as it is over a socket (what HttpClient will not send) and reads the answer to its end. */
    private DocumentedAnswers.Answer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.verticle().actualPort())) {
            socket.setSoTimeout((int) ApiFixture.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all); // the server closes the connection after these answers
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, split).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            return new DocumentedAnswers.Answer(Integer.parseInt(head[0].split(" ")[1]), headers.get("content-type"),
                    name -> Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))), text.substring(split + 4));
        }
    }

    /** The scheduler's service, whose queue can be made full and whose job store can be made unreachable. */
    private final class Switchable extends ForwardingJobService {
        Switchable(JobService delegate) {
            super(delegate);
        }

        private void storeCheck() {
            if (storeDown.get()) {
                throw new NoDataMemberInClusterException("Target of invocation cannot be found!");
            }
        }

        @Override
        public JobRecord submit(Task task) {
            if (queueFull.get()) {
                throw new QueueFullException("the queue holds 1000 jobs, the most it takes (max-queued-jobs); submit again later", 2);
            }
            storeCheck();
            return delegate.submit(task);
        }

        @Override
        public Optional<JobRecord> find(String id) {
            storeCheck();
            return delegate.find(id);
        }

        @Override
        public List<JobRecord> list() {
            storeCheck();
            return delegate.list();
        }

        @Override
        public Optional<JobRecord> cancel(String id) {
            storeCheck();
            return delegate.cancel(id);
        }
    }
}
