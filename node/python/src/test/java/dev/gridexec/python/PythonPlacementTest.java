package dev.gridexec.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.members.ClusterMembers;
import dev.gridexec.members.HazelcastMember;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node announces whether it can run python; a python task with no such node is refused at submission. */
@Timeout(300)
class PythonPlacementTest {

    private final String clusterName = "gridexec-test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastInstance> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void aNodeOfThisProcessAnnouncesPython() {
        assertThat(MemberAttributes.node("n", 1, Mode.SLOTS)).containsEntry(MemberAttributes.PLUGIN_KERNELS, "python");
    }

    @Test
    void aPythonTaskIsUnrunnableUntilANodeAnnouncesPythonAndIsPlacedOnlyOnSuchNodes() throws Exception {
        ports.add(freePort());
        ports.add(freePort());
        Task task = PythonTasks.task("def split(p, c):\n    return [1]\ndef run(p, c):\n    return c\ndef reduce(p, o):\n    return o\n",
                Map.of(), Mode.SLOTS, 1, 1);
        HazelcastInstance withoutPython = start(0, "node-17", "");
        ClusterMembers members = new ClusterMembers(withoutPython, KernelResolver.withoutArtifacts(KernelCatalog.builtIn()));
        Optional<String> why = members.unrunnable(task);
        assertThat(why).hasValueSatisfying(message -> assertThat(message)
                .contains("no node can run python kernels").contains("1 node(s)").contains("JDK 21+"));
        HazelcastInstance withPython = start(1, "node-25", "python");
        assertThat(members.unrunnable(task)).as("a node with python joined").isEmpty();
        KernelResolver kernels = KernelResolver.withoutArtifacts(KernelCatalog.builtIn());
        assertThat(new HazelcastMember(withoutPython, withoutPython.getCluster().getLocalMember(), kernels).runs(task))
                .as("admission may place a python job on the node without python").isFalse();
        assertThat(new HazelcastMember(withoutPython, withPython.getCluster().getLocalMember(), kernels).runs(task))
                .as("admission may place a python job on the node with python").isTrue();
        assertThat(members.unrunnable(PythonTasks.read("{\"kernel\":\"primes\",\"params\":{\"limit\":10}}")))
                .as("built-in kernels run everywhere").isEmpty();
    }

    private HazelcastInstance start(int index, String name, String pluginKernels) {
        Map<String, String> attributes = new HashMap<>(MemberAttributes.node(name, 1, Mode.SLOTS));
        attributes.put(MemberAttributes.PLUGIN_KERNELS, pluginKernels);
        ClusterSettings settings = new ClusterSettings(clusterName, "127.0.0.1", ports.get(index),
                ports.stream().map(p -> "127.0.0.1:" + p).toList(), Optional.empty(), 5);
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings, name + "-" + clusterName, false, attributes));
        instances.add(instance);
        return instance;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
