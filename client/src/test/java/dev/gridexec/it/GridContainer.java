package dev.gridexec.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * One gridexec process (coordinator or one-worker node) in a container of the locally built image, on the host's
 * network at its own 127.0.0.1 ports; started once its /health/live answers (ready needs the whole cluster).
 */
final class GridContainer extends GenericContainer<GridContainer> {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What every container of one test cluster shares: the image, the Hazelcast cluster name, the member list. */
    record Cluster(String image, String name, String members) {
    }

    final String name;

    GridContainer(Cluster cluster, String role, String name, int port, int httpPort) {
        super(DockerImageName.parse(cluster.image()));
        this.name = name;
        List<String> command = new ArrayList<>(List.of(role, "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--http-port", String.valueOf(httpPort), "--members", cluster.members(), "--name", name));
        if (role.equals("node")) {
            command.addAll(List.of("--workers", "1"));
        }
        withNetworkMode("host");
        withCommand(command.toArray(String[]::new));
        withEnv("GRIDEXEC_CLUSTER_NAME", cluster.name());
        withEnv("JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
        withImagePullPolicy(image -> false);
        waitingFor(new HealthLive(httpPort));
    }

    /** Polls http://127.0.0.1:PORT/health/live (getMappedPort does not work with host networking). */
    private static final class HealthLive extends AbstractWaitStrategy {
        private final int port;

        HealthLive(int port) {
            this.port = port;
            withStartupTimeout(Duration.ofSeconds(120));
        }

        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(200); // polling interval, not synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("127.0.0.1:" + port + "/health/live did not answer 200 in " + startupTimeout);
        }
    }
}
