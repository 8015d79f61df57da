package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.cluster.MemberAttributes;
import java.net.InetAddress;
import java.net.ServerSocket;
import dev.gridexec.wire.Mode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared reservations of a coordinator that starts before any node, or again under the name it had before, or leaves. */
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

    /**
     * A coordinator that stopped while one of its jobs held workers, and whose hold reached the others only after they
     * had forgotten what it held, leaves that reservation behind (seen in a rolling restart: every queued job of the
     * other coordinator then waited for workers nothing was using). Its next process under the same name drops it, and
     * the others hear the workers come free.
     */
    @Test
    void coordinatorStartingAgainUnderItsNameDropsTheReservationItsFormerProcessLeftAndOthersHearItFreed() throws Exception {
        try (Cluster cluster = new Cluster()) {
            HazelcastInstance b = cluster.coordinator("coord-b");
            cluster.data.getMap(ClusterConfigs.RESERVATIONS_MAP).set("job-of-a-former-coord-a", "coord-a\nnode-0=2");
            CountDownLatch freed = new CountDownLatch(1);
            try (SharedReservations seenByB = new SharedReservations(b, "coord-b", Runnable::run)) {
                seenByB.onFreed(freed::countDown);
                HazelcastInstance a = cluster.coordinator("coord-a");
                try (SharedReservations restartedA = new SharedReservations(a, "coord-a", Runnable::run)) {
                    assertThat(freed.await(30, TimeUnit.SECONDS)).as("coord-b heard the workers come free").isTrue();
                    assertThat(seenByB.heldElsewhere()).isEmpty();
                    assertThat(restartedA.heldElsewhere()).isEmpty();
                    assertThat(cluster.data.getMap(ClusterConfigs.RESERVATIONS_MAP).containsKey("job-of-a-former-coord-a")).isFalse();
                }
            }
        }
    }

    @Test
    void coordinatorThatLeavesFreesWhatItHeldForTheOthersAtOnce() throws Exception {
        try (Cluster cluster = new Cluster()) {
            HazelcastInstance a = cluster.coordinator("coord-a");
            HazelcastInstance b = cluster.coordinator("coord-b");
            cluster.data.getMap(ClusterConfigs.RESERVATIONS_MAP).set("job-of-a", "coord-a\nnode-0=2");
            CountDownLatch freed = new CountDownLatch(1);
            CountDownLatch aLeft = new CountDownLatch(1);
            b.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    aLeft.countDown();
                }
            });
            try (SharedReservations ofB = new SharedReservations(b, "coord-b", Runnable::run)) {
                assertThat(ofB.heldElsewhere()).as("coord-a's hold, read when coord-b started").containsEntry("node-0", 2);
                ofB.onFreed(freed::countDown);
                a.shutdown();
                assertThat(aLeft.await(30, TimeUnit.SECONDS)).as("coord-b saw coord-a leave").isTrue();
                ofB.forgetLeft(); // what the Adopter does when a coordinator leaves
                assertThat(freed.await(30, TimeUnit.SECONDS)).as("coord-b's queued jobs were told the workers are free").isTrue();
                assertThat(ofB.heldElsewhere()).isEmpty();
            }
        }
    }

    /** A data member (node-0, 2 workers) and the coordinators a test starts, each a lite member on its own port. */
    private static final class Cluster implements AutoCloseable {
        private final String name = "gridexec-test-" + UUID.randomUUID();
        private final List<Integer> ports;
        private final List<String> members;
        private final List<HazelcastInstance> started = new java.util.ArrayList<>();
        final HazelcastInstance data;

        Cluster() throws Exception {
            ports = List.of(freePort(), freePort(), freePort());
            members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
            data = start(name + "-data", false, MemberAttributes.node("node-0", 2, Mode.THREADS));
        }

        HazelcastInstance coordinator(String coordinator) {
            return start(name + "-" + coordinator, true, MemberAttributes.coordinator(coordinator));
        }

        private HazelcastInstance start(String instance, boolean lite, java.util.Map<String, String> attributes) {
            HazelcastInstance member = Hazelcast.newHazelcastInstance(ClusterConfigs.member(
                    settings(name, ports.get(started.size()), members), instance, lite, attributes));
            started.add(member);
            return member;
        }

        @Override
        public void close() {
            for (int i = started.size() - 1; i >= 0; i--) { // the data member last
                if (started.get(i).getLifecycleService().isRunning()) {
                    started.get(i).shutdown();
                }
            }
        }
    }

    private static ClusterSettings settings(String name, int port, List<String> members) {
        return new ClusterSettings(name, "127.0.0.1", port, members, Optional.empty(), 5);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
