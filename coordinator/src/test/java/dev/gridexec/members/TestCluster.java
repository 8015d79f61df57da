package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.node.NodeProcess;
import dev.gridexec.node.NodeSettings;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.store.StoreSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.trust.ClusterSecret;
import dev.gridexec.testsupport.Closing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Nodes and a coordinator's lite member in this JVM, on loopback, under a random cluster name. */
public final class TestCluster implements AutoCloseable {

    final String clusterName = "gridexec-test-" + UUID.randomUUID();
    final KernelCatalog catalog;
    public final List<NodeProcess> nodes = new ArrayList<>();
    private final List<HazelcastInstance> coordinators = new ArrayList<>();
    private final Optional<StoreSettings> store;
    private final Optional<ClusterSecret> secret;
    private final boolean sandboxJars;
    final List<Integer> ports = new ArrayList<>();
    public HazelcastInstance coordinator;
    /** The coordinator's kernels: the catalog's and jars in the cluster's artifact map. */
    public KernelResolver kernels;
    public Scheduler scheduler;
    private ClusterMembers members;

    public TestCluster(KernelCatalog catalog, int nodeCount) throws IOException, InterruptedException {
        this(catalog, nodeCount, Optional.empty());
    }

    /** A cluster whose nodes write the durable maps through to {@code store} (and load them from it when they start). */
    public TestCluster(KernelCatalog catalog, int nodeCount, Optional<StoreSettings> store) throws IOException, InterruptedException {
        this(catalog, nodeCount, store, true);
    }

    /**
     * A cluster whose nodes run kernels from jars in child processes ({@code sandboxJars}, a node's default) or in the
     * node process itself (to look at the node's own slots and loaders).
     */
    public TestCluster(KernelCatalog catalog, int nodeCount, Optional<StoreSettings> store, boolean sandboxJars)
            throws IOException, InterruptedException {
        this(catalog, nodeCount, store, Optional.ofNullable(System.getProperty(SECRET_PROPERTY)).map(ClusterSecret::of),
                sandboxJars);
    }

    /**
     * A system property that gives every cluster of the tests this secret ({@code -Dgridexec.test.cluster-secret=...}),
     * to run the cluster tests with authenticated members and sealed maps.
     */
    public static final String SECRET_PROPERTY = "gridexec.test.cluster-secret";

    /** A cluster whose members (nodes and coordinators) share {@code secret}: they prove they belong, and seal what they write. */
    public static TestCluster withSecret(KernelCatalog catalog, int nodeCount, ClusterSecret secret) throws IOException, InterruptedException {
        return new TestCluster(catalog, nodeCount, Optional.empty(), Optional.of(secret), true);
    }

    private TestCluster(KernelCatalog catalog, int nodeCount, Optional<StoreSettings> store, Optional<ClusterSecret> secret,
                        boolean sandboxJars) throws IOException, InterruptedException {
        this.catalog = catalog;
        this.store = store;
        this.secret = secret;
        this.sandboxJars = sandboxJars;
        try {
            for (int i = 0; i < nodeCount + 1; i++) {
                ports.add(freePort());
            }
            for (int i = 0; i < nodeCount; i++) {
                nodes.add(startNode(i));
            }
            ClusterSettings cluster = settings(ports.get(nodeCount));
            coordinator = Hazelcast.newHazelcastInstance(ClusterConfigs.member(cluster, "coordinator-" + clusterName, true,
                    MemberAttributes.coordinator("coordinator")));
            HazelcastInstance lite = coordinator;
            kernels = new KernelResolver(catalog, new ArtifactCache(new HazelcastArtifactStore(() -> lite)));
            members = new ClusterMembers(coordinator, kernels);
            scheduler = new Scheduler(kernels, new NodeKernels(coordinator, members, kernels,
                    dev.gridexec.scheduler.SchedulerSettings.DEFAULT_KERNEL_CALL_TIMEOUT), members::members,
                    dev.gridexec.scheduler.SchedulerSettings.defaults(), dev.gridexec.scheduler.Coordination.ALONE);
            members.feed(scheduler);
            awaitMembers(nodeCount + 1);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close(); // a cluster that failed half-way leaves no member behind for the next test to collide with
            throw e;
        }
    }

    /** Starts one more coordinator's lite member, named {@code name}, that joins the running cluster; closed with the cluster. */
    public HazelcastInstance addCoordinator(String name) throws IOException {
        ports.add(freePort());
        ClusterSettings cluster = settings(ports.get(ports.size() - 1));
        HazelcastInstance lite = Hazelcast.newHazelcastInstance(ClusterConfigs.member(cluster, name + "-" + UUID.randomUUID(), true,
                MemberAttributes.coordinator(name)));
        coordinators.add(lite);
        return lite;
    }

    /** Starts one more node that joins the running cluster. */
    public NodeProcess addNode() throws IOException {
        ports.add(freePort());
        NodeProcess node = startNode(ports.size() - 1, "node-" + nodes.size());
        nodes.add(node);
        return node;
    }

    NodeProcess startNode(int i) throws IOException {
        return startNode(i, "node-" + i);
    }

    private NodeProcess startNode(int i, String name) throws IOException {
        ClusterSettings plain = settings(ports.get(i));
        ClusterSettings cluster = store.map(plain::withStore).orElse(plain);
        NodeSettings settings = new NodeSettings(cluster, name, 2, Mode.THREADS, "127.0.0.1", 0, Duration.ofSeconds(20));
        return NodeProcess.start(new NodeSettings(settings.cluster(), name, 2, Mode.THREADS, "127.0.0.1", 0,
                settings.drainTimeout(), settings.maxIdleSlots(), settings.slotIdleTimeout(),
                settings.sandbox().withJars(sandboxJars)), catalog);
    }

    /** How a member on {@code port} joins this cluster (with its secret, if it has one). */
    ClusterSettings settings(int port) {
        ClusterSettings plain = new ClusterSettings(clusterName, "127.0.0.1", port, members(), Optional.empty(), 5);
        return secret.map(plain::withSecret).orElse(plain);
    }

    /** The settings of a member that knows the cluster's name and members but not its secret, on a free port. */
    public ClusterSettings withoutSecret() throws IOException {
        ports.add(freePort());
        return new ClusterSettings(clusterName, "127.0.0.1", ports.get(ports.size() - 1), members(), Optional.empty(), 5);
    }

    /** The coordinator's view of the nodes (the one its scheduler uses). */
    public ClusterMembers clusterMembers() {
        return members;
    }

    private List<String> members() {
        return ports.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    /** Waits up to 60 s, on membership events, until the cluster has {@code count} members. */
    public void awaitMembers(int count) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        Cluster members = coordinator.getCluster();
        UUID registration = members.addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                check(event);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                check(event);
            }

            private void check(MembershipEvent event) {
                if (event.getMembers().size() == count) {
                    reached.countDown();
                }
            }
        });
        try {
            if (members.getMembers().size() != count) {
                reached.await(60, TimeUnit.SECONDS);
            }
        } finally {
            members.removeMembershipListener(registration);
        }
        assertThat(members.getMembers()).as("cluster members after up to 60 s").hasSize(count);
    }

    /**
     * A loopback port that was free a moment ago, picked at random below Linux's ephemeral range (32768 and up),
     * where outgoing connections and other tests' port-0 sockets take theirs: Hazelcast binds it a little later.
     */
    static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free loopback port between 20000 and 32000 after 200 tries");
    }

    @Override
    public void close() {
        try {
            Closing.all(members, scheduler, kernels);
        } catch (Exception e) {
            throw new IllegalStateException("closing the test cluster's coordinator parts failed", e);
        }
        for (NodeProcess node : nodes) {
            node.hazelcast().getLifecycleService().terminate();
        }
        for (HazelcastInstance lite : coordinators) {
            lite.getLifecycleService().terminate();
        }
        if (coordinator != null) {
            coordinator.getLifecycleService().terminate();
        }
    }
}
