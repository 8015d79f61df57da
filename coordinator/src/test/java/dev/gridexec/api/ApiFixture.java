package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.coordinator.StoredJobService;
import dev.gridexec.jobstore.MemoryJobStore;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.scheduler.LocalMember;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.testkernels.ProbeKernel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@link ApiVerticle} on 127.0.0.1 and an ephemeral port over one in-process node, with an HTTP client for it.
 * The scheduler and the node share one resolver over an in-memory artifact store; jars up to
 * {@value #MAX_ARTIFACT_BYTES} bytes are accepted.
 */
record ApiFixture(Vertx vertx, KernelResolver kernels, Scheduler scheduler, JobService service, ApiVerticle verticle,
                  String deploymentId, HttpClient http) {

    static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);
    static final NodeInfo LOCAL_NODE = new NodeInfo("local-0", "in-process", 2, 2, "test", 0);
    static final long MAX_ARTIFACT_BYTES = 64 * 1024;

    /** The API with a 4 KiB body limit over one node that {@code GET /nodes} reports. */
    static ApiFixture start() throws Exception {
        return start(4096, () -> List.of(LOCAL_NODE), Function.identity());
    }

    /**
     * The API with this body limit and node list, over the scheduler's service as {@code wrap} wraps it.
     */
    static ApiFixture start(long maxBodyBytes, Supplier<List<NodeInfo>> nodes, Function<JobService, JobService> wrap)
            throws Exception {
        return start(new ApiSettings("127.0.0.1", 0, maxBodyBytes, MAX_ARTIFACT_BYTES), nodes, wrap);
    }

    /** The API with a 4 KiB body limit that asks for {@code token}, over one node. */
    static ApiFixture startWithToken(String token) throws Exception {
        return start(new ApiSettings("127.0.0.1", 0, 4096).withToken(ApiToken.of(token)), () -> List.of(LOCAL_NODE),
                Function.identity());
    }

    /** The API with these settings (on 127.0.0.1) and node list, over the scheduler's service as {@code wrap} wraps it. */
    static ApiFixture start(ApiSettings settings, Supplier<List<NodeInfo>> nodes, Function<JobService, JobService> wrap)
            throws Exception {
        return start(settings, nodes, wrap, StoredJobService.DEFAULT_MAX_INLINE_RESULT);
    }

    /** Like the one before, keeping results whose JSON is over {@code maxInlineResult} bytes apart from their records. */
    static ApiFixture start(ApiSettings settings, Supplier<List<NodeInfo>> nodes, Function<JobService, JobService> wrap,
                            int maxInlineResult) throws Exception {
        KernelResolver kernels = new KernelResolver(CATALOG, new ArtifactCache(new InMemoryArtifactStore()));
        Scheduler scheduler = new Scheduler(kernels, List.of(new LocalMember(new NodeRuntime("local-0", kernels))));
        JobService service = wrap.apply(new StoredJobService(scheduler, new MemoryJobStore(java.time.Duration.ofHours(1)), () -> TaskDefaults.builtIn(2, 1), nodes,
                maxInlineResult));
        Vertx vertx = Vertx.vertx();
        ApiVerticle verticle = new ApiVerticle(service, settings);
        try {
            String id = await(vertx.deployVerticle(verticle));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            return new ApiFixture(vertx, kernels, scheduler, service, verticle, id, http);
        } catch (Exception e) {
            await(vertx.close());
            scheduler.close();
            kernels.close();
            throw e;
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** http://127.0.0.1:PORT of the verticle. */
    URI base() {
        return URI.create("http://127.0.0.1:" + verticle.actualPort());
    }

    URI uri(String path) {
        return URI.create(base() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(WAIT);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Submits a task and returns its accepted record, checking the 202 on the way. */
    JsonNode submit(String taskJson) throws Exception {
        HttpResponse<String> response = post("/jobs", taskJson);
        assertThat(response.statusCode()).as("POST /jobs: %s", response.body()).isEqualTo(202);
        JsonNode record = json(response);
        assertThat(response.headers().firstValue("Location")).hasValue("/jobs/" + record.get("id").asText());
        return record;
    }

    /** Polls {@code GET /jobs/{id}} until the job has ended, for at most {@link #WAIT}. */
    JsonNode awaitEnd(String id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> response = get("/jobs/" + id);
            assertThat(response.statusCode()).as("GET /jobs/%s: %s", id, response.body()).isEqualTo(200);
            JsonNode record = json(response);
            String state = record.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return record;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " still " + state + " after " + WAIT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, not synchronisation
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of %s", response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    /** Undeploys the verticle, closes Vert.x and the scheduler. */
    void close() throws Exception {
        try {
            if (vertx.deploymentIDs().contains(deploymentId)) {
                await(vertx.undeploy(deploymentId));
            }
        } finally {
            try {
                await(vertx.close());
            } finally {
                scheduler.close();
                kernels.close();
            }
        }
    }
}
