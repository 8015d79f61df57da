package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nodes, health, and the answers for routes and methods the API does not have. */
@Timeout(60)
class ServiceRoutesTest extends ApiPerTest {

    @Test
    void nodesListsWhatTheServiceReports() throws Exception {
        api = ApiFixture.start();

        HttpResponse<String> response = api.get("/nodes");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(ApiFixture.JSON.readTree(
                "[{\"name\":\"local-0\",\"address\":\"in-process\",\"processors\":2,\"maxWorkers\":2,\"version\":\"test\",\"runningJobs\":0,"
                        + "\"capacity\":2,\"busyWorkers\":-1,\"warmSlots\":{},\"slow\":false,"
                        // a node whose live load the service does not know: its figures unknown (-1), and so suspect
                        + "\"cpuLoad\":-1.0,\"heapUsedBytes\":-1,\"heapMaxBytes\":-1,\"state\":\"suspect\"}]"));
    }

    @Test
    void liveAndReadyAreUpWithANode() throws Exception {
        api = ApiFixture.start();

        HttpResponse<String> live = api.get("/health/live");
        HttpResponse<String> ready = api.get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live)).isEqualTo(ApiFixture.JSON.readTree("{\"status\":\"UP\"}"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready)).isEqualTo(ApiFixture.JSON.readTree("{\"status\":\"UP\",\"nodes\":1}"));
    }

    @Test
    void readyIsDownWithoutNodesWhileLiveStaysUp() throws Exception {
        api = ApiFixture.start(4096, List::of, Function.identity());

        HttpResponse<String> ready = api.get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = json(ready);
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.get("reason").asText()).isNotBlank();
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    /** An API whose cluster fails with {@code message} when asked for its nodes. */
    private static ApiFixture startWithNodeListFailing(String message) throws Exception {
        return ApiFixture.start(4096, () -> {
            throw new IllegalStateException(message);
        }, Function.identity());
    }

    @Test
    void readyIsDownWhenTheNodesCannotBeListed() throws Exception {
        api = startWithNodeListFailing("cluster unreachable");

        HttpResponse<String> ready = api.get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).get("reason").asText()).contains("cluster unreachable");
    }

    @Test
    void failureInTheServiceIs500WithoutAStackTrace() throws Exception {
        api = startWithNodeListFailing("secret internals");

        HttpResponse<String> response = api.get("/nodes");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response)).isEqualTo(ApiFixture.JSON.readTree(
                "{\"errors\":[{\"path\":\"$\",\"message\":\"internal error\"}]}"));
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        api = ApiFixture.start();

        // "/" is the dashboard (docs/API.md); its unknown files are 404 like any unknown path.
        for (String path : List.of("/nothing", "/dashboard/nothing.js", "/job", "/jobs/a/b", "/nodes/x", "/health", "/jobs/x/events/y")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("errors").get(0).get("path").asText()).isEqualTo("$");
        }
    }

    @Test
    void wrongMethodIs405JsonNamingTheAllowedOnes() throws Exception {
        api = ApiFixture.start();
        record Case(String method, String path, String allowed) {
        }

        for (Case c : List.of(
                new Case("PUT", "/jobs", "GET, POST"),
                new Case("DELETE", "/jobs", "GET, POST"),
                new Case("POST", "/jobs/some-id", "GET, DELETE"),
                new Case("PATCH", "/jobs/some-id", "GET, DELETE"),
                new Case("POST", "/jobs/some-id/events", "GET"),
                new Case("DELETE", "/nodes", "GET"),
                new Case("POST", "/health/live", "GET"),
                new Case("PUT", "/health/ready", "GET"))) {
            HttpResponse<String> response = api.send(api.request(c.path())
                    .method(c.method(), HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(response.statusCode()).as("%s %s", c.method(), c.path()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue(c.allowed());
            assertThat(json(response).get("errors").get(0).get("message").asText()).contains(c.method(), c.allowed());
        }
    }
}
