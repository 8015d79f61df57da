package dev.gridexec.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Three node JVMs and a coordinator JVM started by deploy/local-cluster.sh on 127.0.0.1: a node stopped
 * gracefully and then a node killed with {@code kill -9} in the middle of jobs, which must still end
 * SUCCEEDED with the exact result.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class LocalClusterIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path SCRIPT = REPO.resolve("deploy/local-cluster.sh");

    @TempDir
    static Path runDir;
    static String url;
    static JobStream jobs;

    @BeforeAll
    static void startCluster() throws Exception {
        Result started = script(180, "start", "--nodes", "3", "--workers", "1", "--run-dir", runDir.toString());
        assertThat(started.exit()).as(started.output()).isZero();
        List<String> lines = started.stdout().lines().toList();
        url = lines.get(lines.size() - 1);
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        jobs = new JobStream(url);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Result stopped = script(120, "stop", "--run-dir", runDir.toString());
        assertThat(stopped.exit()).as(stopped.output()).isZero();
        assertThat(script(30, "status", "--run-dir", runDir.toString()).stdout()).doesNotContain("running", "ready");
    }

    @Test
    @Order(1)
    void statusListsTheCoordinatorAndEveryNodeReady() throws Exception {
        Result status = script(30, "status", "--run-dir", runDir.toString());
        assertThat(status.stdout().lines()).hasSize(4)
                .allSatisfy(line -> assertThat(line).matches("(coordinator|node) \\d+ 127\\.0\\.0\\.1:\\d+ ready"));
    }

    @Test
    @Order(2)
    void gracefullyStoppedNodeMidJobLeavesNoFailedChunk() throws Exception {
        String id = jobs.submit("{\"kernel\":\"primes\",\"params\":{\"limit\":12000000},\"chunks\":96,\"workers\":1,\"nodes\":3}");
        jobs.awaitDone(id, 12, 60);
        signal("TERM", "node-2");
        JsonNode job = jobs.awaitEnd(id, 120);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("result").get("count").asLong()).isEqualTo(788_060);
        assertThat(job.get("chunks").get("failed").asInt()).isZero();
        assertThat(job.get("chunks").get("retried").asInt()).as("chunks run again: a draining node hands back what it has not started: " + job).isZero();
        assertThat(job.get("chunks").get("done").asInt()).isEqualTo(96);
    }

    @Test
    @Order(3)
    void killedNodeMidJobHasItsChunksRetriedElsewhere() throws Exception {
        String id = jobs.submit("{\"kernel\":\"primes\",\"params\":{\"limit\":12000000},\"chunks\":96,\"workers\":1,\"nodes\":2}");
        jobs.awaitDone(id, 12, 60);
        signal("KILL", "node-1");
        JsonNode job = jobs.awaitEnd(id, 120);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("result").get("count").asLong()).isEqualTo(788_060);
        // The killed node's chunks ran again elsewhere: retried once the failure detector dropped it, or copied
        // (speculative) before that, when they were late.
        assertThat(job.get("chunks").get("retried").asInt() + job.get("chunks").get("speculative").asInt())
                .as("chunks run again elsewhere: " + job).isPositive();
        assertThat(job.get("chunks").get("done").asInt()).isEqualTo(96);
    }




    private static void signal(String signal, String process) throws Exception {
        String pid = Files.readString(runDir.resolve(process + ".pid")).trim();
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private record Result(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Result script(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("local-cluster", ".out");
        Path err = Files.createTempFile("local-cluster", ".err");
        Process process = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
