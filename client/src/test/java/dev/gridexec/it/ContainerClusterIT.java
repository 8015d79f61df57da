package dev.gridexec.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.testsupport.UnderCi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A coordinator and three nodes in containers of the locally built image (deploy/build-image.sh), with host
 * networking, each on its own 127.0.0.1 ports: a node that joins late gets work, a node stopped with
 * {@code docker stop} mid-job leaves no failed chunk, a node killed mid-job has its chunks retried elsewhere, and the
 * coordinator's container killed mid-job with a second coordinator running: the second adopts the job.
 * Skips without a Docker daemon, except under CI (CI=true) or with GRIDEXEC_REQUIRE_DOCKER=1, where it fails;
 * never pulls an image.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class ContainerClusterIT {

    private static final String IMAGE = System.getProperty("gridexec.image", "gridexec:latest");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TASK =
            "{\"kernel\":\"primes\",\"params\":{\"limit\":12000000},\"chunks\":96,\"workers\":1,\"nodes\":%d}";
    private static final long PRIMES_BELOW_12M = 788_060;

    private static final String CLUSTER = "gridexec-tc-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<GridContainer> nodes = new ArrayList<>();
    private static GridContainer coordinator;
    private static GridContainer secondCoordinator;
    private static String url;
    private static JobStream jobs;
    private static GridContainer.Cluster cluster;
    private static int[] lateNodePorts;
    private static int[] secondCoordinatorPorts;

    @BeforeAll
    static void startCluster() throws Exception {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if ("1".equals(System.getenv("GRIDEXEC_REQUIRE_DOCKER"))) {
            assertThat(docker).as("GRIDEXEC_REQUIRE_DOCKER=1 but no Docker daemon answers").isTrue();
        }
        UnderCi.require(docker, "no Docker daemon: the container cluster tests are skipped");
        boolean present;
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            present = true;
        } catch (RuntimeException e) {
            present = false;
        }
        assertThat(present).as("the image %s is missing (no image is ever pulled); build it after mvn package with: "
                + "deploy/build-image.sh", IMAGE).isTrue();

        int[] ports = freePorts(12);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            list.append("127.0.0.1:").append(ports[2 * i]).append(',');
        }
        cluster = new GridContainer.Cluster(IMAGE, CLUSTER,
                list.append("127.0.0.1:").append(ports[8]).append(",127.0.0.1:").append(ports[10]).toString());
        lateNodePorts = new int[] {ports[6], ports[7]};
        secondCoordinatorPorts = new int[] {ports[10], ports[11]};
        for (int i = 0; i < 3; i++) {
            nodes.add(new GridContainer(cluster, "node", "node-" + i, ports[2 * i], ports[2 * i + 1]));
        }
        coordinator = new GridContainer(cluster, "coordinator", "coordinator", ports[8], ports[9]);
        url = "http://127.0.0.1:" + ports[9];
        jobs = new JobStream(url);
        nodes.parallelStream().forEach(GenericContainer::start);
        coordinator.start();
        awaitNodes(url, names -> names.size() == 3, 90);
    }

    @AfterAll
    static void stopCluster() {
        List<GridContainer> all = new ArrayList<>(nodes);
        if (coordinator != null) {
            all.add(coordinator);
        }
        if (secondCoordinator != null) {
            all.add(secondCoordinator);
        }
        for (GridContainer container : all) {
            if (container.getContainerId() != null) {
                System.out.println("==== " + container.name + " ====\n" + container.getLogs());
            }
            container.stop();
        }
    }

    @Test
    @Order(1)
    void nodeStartedLateJoinsAndReceivesWork() throws Exception {
        GridContainer late = new GridContainer(cluster, "node", "node-3", lateNodePorts[0], lateNodePorts[1]);
        nodes.add(late);
        late.start();
        awaitNodes(url, names -> names.contains("node-3"), 60);
        // Every JVM here starts cold on a loaded host: a node's first batch can reach it seconds after the job opened (CI:
        // node-3 opened its first job 5.1 s after it was accepted and 0.6 s before it ended), and a cold node's chunks can
        // all lose to speculative copies. So: each job is placed on the late node, and within three it runs chunks to the end.
        List<String> records = new ArrayList<>();
        boolean lateNodeRan = false;
        for (int attempt = 0; attempt < 3 && !lateNodeRan; attempt++) {
            JsonNode job = jobs.awaitEnd(jobs.submit(TASK.formatted(4)), 180);
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("result").get("count").asLong()).isEqualTo(PRIMES_BELOW_12M);
            Set<String> placed = new HashSet<>();
            for (JsonNode p : job.get("placement")) {
                placed.add(p.get("node").asText());
                lateNodeRan |= p.get("node").asText().equals("node-3") && p.get("computeMs").asLong() > 0;
            }
            assertThat(placed).as(job.toString()).contains("node-3");
            records.add(job.get("placement").toString());
        }
        assertThat(lateNodeRan).as("node-3 ran chunks to their end; placements: " + records).isTrue();
    }

    @Test
    @Order(2)
    void nodeStoppedGracefullyMidJobLeavesNoFailedChunk() throws Exception {
        String id = jobs.submitAndAwaitDone(TASK.formatted(4), 12, 120);
        GridContainer node = nodes.get(2);
        node.getDockerClient().stopContainerCmd(node.getContainerId()).withTimeout(60).exec();
        JobStream.assertNoChunkRunAgain(jobs.awaitEnd(id, 180), PRIMES_BELOW_12M, 96);
        assertThat(node.getDockerClient().inspectContainerCmd(node.getContainerId()).exec().getState().getExitCodeLong())
                .as("exit code of the gracefully stopped node").isNotEqualTo(137L);
    }

    @Test
    @Order(3)
    void nodeKilledMidJobHasItsChunksRetriedElsewhere() throws Exception {
        String id = jobs.submitAndAwaitDone(TASK.formatted(3), 12, 120);
        GridContainer node = nodes.get(1);
        node.getDockerClient().killContainerCmd(node.getContainerId()).exec();
        JobStream.assertChunksRunAgainElsewhere(jobs.awaitEnd(id, 180), PRIMES_BELOW_12M, 96);
    }

    @Test
    @Order(4)
    void coordinatorKilledMidJobHasItsJobAdoptedByTheSecondCoordinator() throws Exception {
        secondCoordinator = new GridContainer(cluster, "coordinator", "coordinator-b", secondCoordinatorPorts[0], secondCoordinatorPorts[1]);
        secondCoordinator.start();
        String secondUrl = "http://127.0.0.1:" + secondCoordinatorPorts[1];
        // node-0 and the late node-3 are left after the tests before.
        awaitNodes(secondUrl, names -> names.size() == 2, 90);
        awaitReady(secondUrl, 60);

        String id = jobs.submitAndAwaitDone(TASK.formatted(2), 12, 120);
        coordinator.getDockerClient().killContainerCmd(coordinator.getContainerId()).exec();
        JsonNode job = new JobStream(secondUrl).awaitEnd(id, 180);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("result").get("count").asLong()).isEqualTo(PRIMES_BELOW_12M);
        assertThat(job.get("chunks").get("done").asInt()).isEqualTo(96);
        assertThat(job.get("chunks").get("failed").asInt()).as(job.toString()).isZero();
        assertThat(job.get("owner").asText()).as(job.toString()).isEqualTo("coordinator-b");
        assertThat(job.get("adoptions").asInt()).as(job.toString()).isEqualTo(1);
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Returns once {@code base}'s /health/ready answers 200. */
    private static void awaitReady(String base, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval, not synchronisation: the answer decides
        }
        throw new AssertionError(base + "/health/ready did not answer 200 in " + seconds + " s; last: " + last);
    }

    private static void awaitNodes(String base, Predicate<Set<String>> condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Set<String> names = Set.of();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/nodes")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    List<String> seen = new ArrayList<>();
                    JSON.readTree(response.body()).forEach(n -> seen.add(n.get("name").asText()));
                    names = seen.stream().collect(Collectors.toSet());
                    if (condition.test(names)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the coordinator is not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval, not synchronisation: the condition decides
        }
        throw new AssertionError(base + "/nodes did not reach the condition in " + seconds + " s; last: " + names);
    }
}
