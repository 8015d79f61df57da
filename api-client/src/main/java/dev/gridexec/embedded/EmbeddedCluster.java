package dev.gridexec.embedded;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.coordinator.CoordinatorProcess;
import dev.gridexec.coordinator.CoordinatorSettings;
import dev.gridexec.node.NodeProcess;
import dev.gridexec.node.NodeSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.task.TaskDefaults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A one-node cluster inside the client's JVM, for {@code client bench-dispatch} and local experiments (the
 * embedded default of {@code client submit} is {@link LocalCoordinator}, without Hazelcast or HTTP) (a Hazelcast member running the node
 * service, with the coordinator and its HTTP API on the same member), under a random cluster name, on
 * ephemeral ports of 127.0.0.1 only. The client talks to it over HTTP exactly as to a real coordinator,
 * so local and cluster runs go through the same scheduler and the same code. The node and the coordinator
 * share one artifact cache: one class loader per uploaded jar in the process.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private final NodeProcess node;
    private final CoordinatorProcess coordinator;

    private EmbeddedCluster(NodeProcess node, CoordinatorProcess coordinator) {
        this.node = node;
        this.coordinator = coordinator;
    }

    /** Starts the node and the coordinator; takes a second or two. */
    public static EmbeddedCluster start(KernelCatalog catalog) throws Exception {
        ClusterSettings cluster = new ClusterSettings("gridexec-embedded-" + UUID.randomUUID(), "127.0.0.1", freePort(),
                List.of(), Optional.empty(), 5);
        NodeProcess node = NodeProcess.start(new NodeSettings(cluster, "embedded-0", processors(), Mode.THREADS,
                "127.0.0.1", 0, Duration.ofSeconds(5)), catalog);
        try {
            CoordinatorProcess coordinator = CoordinatorProcess.startOn(node.hazelcast(), new CoordinatorSettings(cluster,
                    "embedded-coordinator", "127.0.0.1", 0, 1024 * 1024, Duration.ofHours(1)), node.kernels());
            return new EmbeddedCluster(node, coordinator);
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    /** Defaults for fields a task leaves out, the same as the embedded coordinator applies. */
    public static TaskDefaults defaults() {
        return TaskDefaults.builtIn(processors(), 1);
    }

    /** The embedded coordinator's URL. */
    public String url() {
        return coordinator.url();
    }

    @Override
    public void close() {
        coordinator.close();
        node.close();
    }

    private static int processors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
