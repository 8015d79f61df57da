package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.cluster.MemberAttributes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared reservations of a coordinator that starts before any node (deploy/local-cluster.sh and Kubernetes start them together). */
@Timeout(120)
class SharedReservationsTest {

    @Test
    void coordinatorStartingBeforeAnyNodeMirrorsNothingInsteadOfFailing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String name = "gridexec-test-" + UUID.randomUUID();
        ClusterSettings cluster = new ClusterSettings(name, "127.0.0.1", port, List.of("127.0.0.1:" + port), Optional.empty(), 5);
        HazelcastInstance lite = Hazelcast.newHazelcastInstance(ClusterConfigs.member(cluster, name, true,
                MemberAttributes.coordinator("coord-a")));
        try (SharedReservations reservations = new SharedReservations(lite, "coord-a", Runnable::run)) {
            assertThat(reservations.heldElsewhere()).isEmpty();
        } finally {
            lite.shutdown();
        }
    }
}
