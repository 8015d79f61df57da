package dev.gridexec.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.testkernels.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node JVMs and two coordinator JVMs started by deploy/local-cluster.sh on 127.0.0.1: both coordinators
 * answer; a node stopped gracefully and then a node killed with {@code kill -9} in the middle of jobs, which must
 * still end SUCCEEDED with the exact result; then every process killed with {@code kill -9} and the cluster
 * started again on the same run dir, which resumes from the data kept there: the job that was running and the one
 * queued behind it end exact, the finished job's record and the uploaded jar are still there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class LocalClusterIT {

    private static final int COORDINATORS = 2;
    private static final int NODES = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path runDir;
    static LocalCluster cluster;
    /** The coordinators' URLs, in the order start printed them. */
    static List<String> urls;
    /** A job that ended SUCCEEDED before the cluster was killed. */
    static String finishedJob;
    /** A job running, and one queued behind it, when every process was killed. */
    static String runningJob;
    static String queuedJob;
    /** The SHA-256 of the jar uploaded before every process was killed. */
    static String jarSha;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new LocalCluster(runDir);
        urls = cluster.start(NODES, COORDINATORS);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
        assertThat(cluster.script(30, "status", "--run-dir", runDir.toString()).stdout()).doesNotContain("running", "ready");
    }

    @Test
    @Order(1)
    void statusListsEveryCoordinatorWithItsUrlAndEveryNodeReady() throws Exception {
        LocalCluster.Result status = cluster.script(30, "status", "--run-dir", runDir.toString());
        List<String> lines = status.stdout().lines().toList();
        assertThat(lines).as(status.output()).hasSize(COORDINATORS + NODES);
        List<String> coordinators = lines.stream().filter(l -> l.startsWith("coordinator ")).toList();
        assertThat(coordinators).hasSize(COORDINATORS)
                .allSatisfy(line -> assertThat(line).matches("coordinator \\d+ 127\\.0\\.0\\.1:\\d+ ready " + LocalCluster.URL));
        assertThat(coordinators).extracting(line -> line.substring(line.lastIndexOf(' ') + 1)).containsExactlyElementsOf(urls);
        assertThat(lines.stream().filter(l -> l.startsWith("node "))).hasSize(NODES)
                .allSatisfy(line -> assertThat(line).matches("node \\d+ 127\\.0\\.0\\.1:\\d+ ready"));
    }

    @Test
    @Order(2)
    void everyCoordinatorIsReadyAndListsJobs() throws Exception {
        for (String url : urls) {
            HttpResponse<String> ready = get(url + "/health/ready");
            assertThat(ready.statusCode()).as("GET %s/health/ready: %s", url, ready.body()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).get("nodes").asInt()).as("nodes %s sees", url).isEqualTo(NODES);
            HttpResponse<String> jobs = get(url + "/jobs");
            assertThat(jobs.statusCode()).as("GET %s/jobs: %s", url, jobs.body()).isEqualTo(200);
            assertThat(JSON.readTree(jobs.body()).get("jobs").isArray()).as(jobs.body()).isTrue();
        }
    }

    /** What befalls the cluster in the middle of a job. */
    @FunctionalInterface
    private interface Disturbance {
        void happen() throws IOException;
    }

    /**
     * Submits to {@code url} the job of 96 chunks counting the primes below 12,000,000 on {@code nodes} nodes, lets
     * {@code midJob} happen once 12 chunks are done, and returns the job's final record.
     */
    private static JsonNode primesJobDisturbed(String url, int nodes, Disturbance midJob) throws Exception {
        JobStream jobs = new JobStream(url);
        String id = jobs.submitAndAwaitDone("{\"kernel\":\"primes\",\"params\":{\"limit\":12000000},\"chunks\":96,\"workers\":1,"
                + "\"nodes\":" + nodes + "}", 12, 60);
        midJob.happen();
        return jobs.awaitEnd(id, 120);
    }

    @Test
    @Order(3)
    void gracefullyStoppedNodeMidJobLeavesNoFailedChunk() throws Exception {
        JsonNode job = primesJobDisturbed(urls.get(0), 3, () -> cluster.terminate("node-2"));
        JobStream.assertNoChunkRunAgain(job, 788_060, 96);
        finishedJob = job.get("id").asText();
    }

    @Test
    @Order(4)
    void killedNodeMidJobHasItsChunksRetriedElsewhere() throws Exception {
        JobStream.assertChunksRunAgainElsewhere(primesJobDisturbed(urls.get(1), 2, () -> cluster.kill("node-1")), 788_060, 96);
    }

    @Test
    @Order(5)
    void startingAgainWhileTheClusterLivesIsRefused() throws Exception {
        Map<String, String> before = cluster.pids();
        LocalCluster.Result again = cluster.script(60, "start", "--nodes", "1", "--run-dir", runDir.toString());
        assertThat(again.exit()).as(again.output()).isEqualTo(2);
        assertThat(again.stdout()).isEmpty();
        assertThat(again.stderr()).contains("already has a running cluster", "coordinator-0 (pid " + before.get("coordinator-0") + ")",
                "stop it first");
        assertThat(cluster.pids()).as("pid files of the running cluster").isEqualTo(before);
    }

    @Test
    @Order(6)
    void everyProcessKilledThenStartedAgainOnTheSameRunDirResumesItsData() throws Exception {
        killEveryProcessAndStartAgain();
    }

    /** SIGKILL to every process of the run dir, then start on the same run dir: it resumes from the data kept there. */
    private void killEveryProcessAndStartAgain() throws Exception {
        Map<String, String> before = cluster.pids();
        assertThat(before.keySet()).as("pid files").contains("coordinator-0", "coordinator-1", "node-0");
        // SIGKILL to every process first, then wait for each: killed one by one, a coordinator still alive would
        // adopt the jobs of one already dead (as it should) and count an adoption more.
        Map<String, ProcessHandle> killed = new java.util.LinkedHashMap<>();
        before.forEach((name, pid) -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(handle -> killed.put(name, handle)));
        killed.values().forEach(ProcessHandle::destroyForcibly);
        killed.forEach((name, handle) ->
                assertThat(handle.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).as(name).isFalse());
        Path db = runDir.resolve("gridexec.db");
        assertThat(db).as("the nodes' store, kept in the run dir").isNotEmptyFile();

        urls = cluster.start(NODES, COORDINATORS);
        assertThat(cluster.lastStart().stderr()).contains("pid files are gone", "replacing the pid files", "resuming the data kept in ",
                runDir.getFileName().toString());
        assertThat(db).isNotEmptyFile();
        Map<String, String> after = cluster.pids();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((name, pid) -> assertThat(pid).as("pid of %s after the restart", name).isNotEqualTo(before.get(name)));
        statusListsEveryCoordinatorWithItsUrlAndEveryNodeReady();
        everyCoordinatorIsReadyAndListsJobs();
    }

    @Test
    @Order(7)
    void aFinishedJobsRecordOutlivesTheRestartOfEveryProcess() throws Exception {
        assertThat(finishedJob).as("the job of gracefullyStoppedNodeMidJobLeavesNoFailedChunk").isNotNull();
        for (String url : urls) {
            HttpResponse<String> record = get(url + "/jobs/" + finishedJob);
            assertThat(record.statusCode()).as("GET %s/jobs/%s: %s", url, finishedJob, record.body()).isEqualTo(200);
            JsonNode job = JSON.readTree(record.body());
            assertThat(job.get("state").asText()).as(record.body()).isEqualTo("SUCCEEDED");
            assertThat(job.get("result").get("count").asLong()).isEqualTo(788_060);
        }
    }

    @Test
    @Order(8)
    void everyProcessKilledWhileAJobRunsAndOneWaitsThenStartedAgain() throws Exception {
        leaveWorkForTheRestart();
        killEveryProcessAndStartAgain();
    }

    @Test
    @Order(9)
    void runningAndQueuedJobsResumeAfterTheRestartOfEveryProcessAndEndExactWithTheJarKept() throws Exception {
        assertThat(runningJob).as("the jobs of everyProcessKilledWhileAJobRunsAndOneWaitsThenStartedAgain").isNotNull();
        JobStream jobs = new JobStream(urls.get(1));
        JsonNode running = jobs.awaitEnd(runningJob, 240);
        assertThat(running.get("state").asText()).as(running.toString()).isEqualTo("SUCCEEDED");
        assertThat(running.get("result").get("count").asLong()).isEqualTo(1_270_607);
        assertThat(running.get("adoptions").asInt()).as("claimed by one coordinator: " + running).isEqualTo(1);
        JsonNode queued = jobs.awaitEnd(queuedJob, 240);
        assertThat(queued.get("state").asText()).as(queued.toString()).isEqualTo("SUCCEEDED");
        assertThat(queued.get("result").get("count").asLong()).isEqualTo(788_060);
        assertThat(queued.get("adoptions").asInt()).as("claimed by one coordinator: " + queued).isEqualTo(1);

        HttpResponse<String> again = uploadJar(urls.get(1));
        assertThat(again.statusCode()).as("the same jar again: already stored, " + again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("sha256").asText()).isEqualTo(jarSha);
        String jarJob = jobs.submit("{\"kernel\":\"" + TestJars.PACKAGE + ".TokenKernel\",\"artifact\":\"" + jarSha
                + "\",\"chunks\":4,\"workers\":1,\"nodes\":1}");
        JsonNode tokens = jobs.awaitEnd(jarJob, 120);
        assertThat(tokens.get("state").asText()).as(tokens.toString()).isEqualTo("SUCCEEDED");
        assertThat(tokens.get("result").get("chunks").asInt()).isEqualTo(4);
    }

    /** A jar uploaded, a job running on every node's one worker (12 chunks done) and one queued behind it. */
    private static void leaveWorkForTheRestart() throws Exception {
        HttpResponse<String> uploaded = uploadJar(urls.get(0));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        jarSha = JSON.readTree(uploaded.body()).get("sha256").asText();
        JobStream first = new JobStream(urls.get(0));
        runningJob = first.submit("{\"kernel\":\"primes\",\"params\":{\"limit\":20000000},\"chunks\":60,\"workers\":1,\"nodes\":3}");
        queuedJob = new JobStream(urls.get(1)).submit(
                "{\"kernel\":\"primes\",\"params\":{\"limit\":12000000},\"chunks\":48,\"workers\":1,\"nodes\":1}");
        first.awaitDone(runningJob, 12, 120);
        assertThat(JSON.readTree(get(urls.get(0) + "/jobs/" + runningJob).body()).get("state").asText()).isEqualTo("RUNNING");
        assertThat(JSON.readTree(get(urls.get(1) + "/jobs/" + queuedJob).body()).get("state").asText())
                .as("every node's one worker is the first job's: the second waits").isEqualTo("QUEUED");
    }

    private static HttpResponse<String> uploadJar(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/artifacts")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestJars.testKernels())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
