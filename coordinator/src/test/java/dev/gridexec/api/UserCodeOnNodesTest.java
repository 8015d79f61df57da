package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.coordinator.ClusterJobService;
import dev.gridexec.members.TestCluster;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.testkernels.TestJars;
import dev.gridexec.testsupport.Closing;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A coordinator on a real in-JVM cluster runs no user code (issue 15, item 3): a jar kernel's params are checked on a
 * node with the kernel-call timeout, its split and reduce run there, and a params that blocks wedges nothing.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the flood last: the children it has killed restart meanwhile
class UserCodeOnNodesTest {

    private static final Duration KERNEL_CALL_TIMEOUT = Duration.ofSeconds(1);
    private static final String PACKAGE = "com.example.hostile";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCluster cluster;
    private KernelResolver kernels;
    private ClusterJobService service;
    private Vertx vertx;
    private HttpClient http;
    private String base;
    private String sha;

    @BeforeAll
    void start() throws Exception {
        cluster = new TestCluster(KernelCatalog.builtIn(), 1);
        HazelcastInstance lite = cluster.addCoordinator("api-coordinator");
        kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(new HazelcastArtifactStore(() -> lite)));
        service = new ClusterJobService(lite, kernels, Duration.ofMinutes(5),
                SchedulerSettings.defaults().withKernelCallTimeout(KERNEL_CALL_TIMEOUT), "api-coordinator");
        vertx = Vertx.vertx();
        ApiVerticle verticle = new ApiVerticle(service, ApiSettings.defaults());
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + verticle.actualPort();
        http = HttpClient.newHttpClient();
        byte[] jar = hostileJar();
        sha = Artifacts.sha256(jar);
        assertThat(post("/artifacts", jar).statusCode()).isEqualTo(201);
        warmUpTheNodesCallChildren();
    }

    /**
     * The node checks a jar kernel's params in a child JVM that starts in 1-2 s, longer than this test's 1 s timeout:
     * the first checks may time out (each starts a child for the next); the tests begin once one was answered in time.
     */
    private void warmUpTheNodesCallChildren() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> answer = post("/jobs", task("RejectsParams", "{}"));
            if (answer.statusCode() == 400 && JSON.readTree(answer.body()).at("/errors/0/path").asText().equals("params.size")) {
                return;
            }
        }
        throw new AssertionError("no params check of a jar kernel answered in time in 20 attempts");
    }

    @AfterAll
    void stop() throws Exception {
        Closing.all(vertx == null ? null : () -> vertx.close().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS), service, kernels, cluster);
    }

    /** The test kernels, compiled against the kernel API only and jarred as a user's build would. */
    private static byte[] hostileJar() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com/example/hostile/BlocksInParams.java", kernel("BlocksInParams", """
                public Long params(ParamReader params) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0L;
                }
                public List<Long> split(Long params, SplitRequest request) { return List.of(0L); }
                public String reduce(Long params, List<String> outputs) { return "never"; }
                """));
        sources.put("com/example/hostile/RejectsParams.java", kernel("RejectsParams", """
                public Long params(ParamReader params) { return params.longParam("size", 1, 10); }
                public List<Long> split(Long params, SplitRequest request) { return List.of(params); }
                public String reduce(Long params, List<String> outputs) { return "fine"; }
                """));
        sources.put("com/example/hostile/WhereItRuns.java", kernel("WhereItRuns", """
                public Long params(ParamReader params) { return params.longParam("size", 1, 10, 1); }
                public List<Long> split(Long params, SplitRequest request) {
                    SPLIT_THREAD = Thread.currentThread().getName();
                    List<Long> inputs = new java.util.ArrayList<>();
                    for (long i = 0; i < request.chunks(); i++) {
                        inputs.add(i * params);
                    }
                    return inputs;
                }
                public java.util.Map<String, Object> reduce(Long params, List<String> outputs) {
                    java.util.Map<String, Object> where = new java.util.TreeMap<>();
                    where.put("split", SPLIT_THREAD);
                    where.put("reduce", Thread.currentThread().getName());
                    where.put("outputs", outputs);
                    where.put("missing", null);
                    return where;
                }
                """));
        Map<String, byte[]> entries = new LinkedHashMap<>(TestJars.compile(sources));
        entries.put(TestJars.SERVICES, (PACKAGE + ".BlocksInParams\n" + PACKAGE + ".RejectsParams\n" + PACKAGE + ".WhereItRuns\n")
                .getBytes(StandardCharsets.UTF_8));
        return TestJars.jar(entries);
    }

    /** A kernel of Long params and inputs and String outputs; {@code body} gives params, split and reduce. */
    private static String kernel(String name, String body) {
        String result = body.contains("Map<String, Object> reduce") ? "java.util.Map<String, Object>" : "String";
        return "package " + PACKAGE + ";\n"
                + "import dev.gridexec.kernel.api.*;\nimport java.util.List;\n"
                + "public class " + name + " implements Kernel<Long, Long, String, " + result + "> {\n"
                + "    static volatile String SPLIT_THREAD;\n"
                + body
                + "    public String run(Long params, Long input, ChunkContext context) { return \"chunk-\" + input; }\n"
                + "    public Class<Long> inputType() { return Long.class; }\n"
                + "    public Class<String> outputType() { return String.class; }\n"
                + "}\n";
    }

    private String task(String kernel, String params) {
        return "{\"kernel\":\"" + kernel + "\",\"artifact\":\"" + sha + "\",\"chunks\":3,\"workers\":1,\"nodes\":1,\"params\":"
                + params + "}";
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/jobs")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitEnd(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode record = JSON.readTree(get("/jobs/" + id).body());
            String state = record.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return record;
            }
            assertThat(System.nanoTime()).as("job %s still %s", id, state).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, not synchronisation
        }
    }

    /** Milliseconds {@code request} took to answer 2xx. */
    private long answeredWithinMillis(String what, RequestCall request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = request.call();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isBetween(200, 299);
        return millis;
    }

    @FunctionalInterface
    private interface RequestCall {
        HttpResponse<String> call() throws Exception;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void fortySubmissionsOfAKernelWhoseParamsBlocksEachAnswer400NamingParamsWhileTheApiAnswersWithinASecond() throws Exception {
        List<RequestCall> others = List.of(() -> get("/jobs"), () -> get("/nodes"), () -> get("/health/live"), () -> post("/jobs",
                "{\"kernel\":\"pi\",\"chunks\":2,\"workers\":1,\"nodes\":1,\"params\":{\"samples\":1000}}"));
        for (RequestCall warmUp : others) { // classes loaded and connections open: what is timed below is the flood's effect
            answeredWithinMillis("warm-up", warmUp);
        }
        List<CompletableFuture<HttpResponse<String>>> blocked = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            blocked.add(postAsync(task("BlocksInParams", "{}")));
        }
        List<Long> answers = new ArrayList<>();
        long until = start + KERNEL_CALL_TIMEOUT.toNanos();
        do { // while the 40 checks hang on the node, every other route answers
            for (RequestCall other : others) {
                answers.add(answeredWithinMillis("GET /jobs, GET /nodes, GET /health/live, POST /jobs of pi", other));
            }
        } while (System.nanoTime() < until);
        CompletableFuture.allOf(blocked.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        long allMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answers).allSatisfy(millis -> assertThat(millis).isLessThan(1_000));
        for (CompletableFuture<HttpResponse<String>> each : blocked) {
            HttpResponse<String> response = each.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).at("/errors/0");
            assertThat(error.get("path").asText()).isEqualTo("params");
            assertThat(error.get("message").asText()).startsWith("params() did not return within 1 s");
        }
        assertThat(allMillis).as("every check ends after the timeout, not one after another")
                .isLessThan(KERNEL_CALL_TIMEOUT.plusSeconds(8).toMillis());
        assertThat(answeredWithinMillis("GET /jobs after", () -> get("/jobs"))).isLessThan(1_000);
    }

    @Test
    void aJarKernelThatRejectsItsParamsIs400WithItsProblems() throws Exception {
        HttpResponse<String> missing = post("/jobs", task("RejectsParams", "{}"));
        HttpResponse<String> wrong = post("/jobs", task("RejectsParams", "{\"size\":99,\"extra\":1}"));

        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).at("/errors/0/path").asText()).isEqualTo("params.size");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("errors").findValuesAsText("path")).containsExactly("params.size", "params.extra");
    }

    @Test
    void aJarKernelIsSplitAndReducedOnANodeAndTheCoordinatorNeverLoadsItsClasses() throws Exception {
        HttpResponse<String> accepted = post("/jobs", task("WhereItRuns", "{\"size\":5}"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode record = awaitEnd(JSON.readTree(accepted.body()).get("id").asText());

        assertThat(record.get("state").asText()).as(record.toString()).isEqualTo("SUCCEEDED");
        assertThat(record.at("/task/kernel").asText()).as("named as the node resolved it").isEqualTo(PACKAGE + ".WhereItRuns");
        assertThat(record.get("result").toString()).as("the result as the job record has always shown it: nulls left out")
                .matches("\\{\"outputs\":\\[\"chunk-0\",\"chunk-5\",\"chunk-10\"],\"reduce\":\"gridexec-kernel-call-\\d+\","
                        + "\"split\":\"gridexec-kernel-call-\\d+\"}");
        assertThat(kernels.artifacts().size()).as("jars loaded by the coordinator").isZero();
    }

    @Test
    void aJarKernelThatIsNotInTheJarIs400NamingTheKernel() throws Exception {
        HttpResponse<String> response = post("/jobs", task("com.example.Missing", "{}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/errors/0/path").asText()).isEqualTo("kernel");
        assertThat(JSON.readTree(response.body()).at("/errors/0/message").asText()).startsWith("no class com.example.Missing in artifact");
    }
}
