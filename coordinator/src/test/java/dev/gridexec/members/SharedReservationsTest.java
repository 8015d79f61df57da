package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        String name = "gridexec-test-" + UUID.randomUUID();
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        HazelcastInstance data = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings(name, ports.get(0), members),
                name + "-data", false, MemberAttributes.node("node-0", 2, Mode.THREADS)));
        HazelcastInstance b = null;
        HazelcastInstance a = null;
        try {
            b = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings(name, ports.get(1), members), name + "-b", true,
                    MemberAttributes.coordinator("coord-b")));
            data.getMap(ClusterConfigs.RESERVATIONS_MAP).set("job-of-a-former-coord-a", "coord-a\nnode-0=2");
            CountDownLatch freed = new CountDownLatch(1);
            try (SharedReservations seenByB = new SharedReservations(b, "coord-b", Runnable::run)) {
                seenByB.onFreed(freed::countDown);
                a = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings(name, ports.get(2), members), name + "-a", true,
                        MemberAttributes.coordinator("coord-a")));
                try (SharedReservations restartedA = new SharedReservations(a, "coord-a", Runnable::run)) {
                    assertThat(freed.await(30, TimeUnit.SECONDS)).as("coord-b heard the workers come free").isTrue();
                    assertThat(seenByB.heldElsewhere()).isEmpty();
                    assertThat(restartedA.heldElsewhere()).isEmpty();
                    assertThat(data.getMap(ClusterConfigs.RESERVATIONS_MAP).containsKey("job-of-a-former-coord-a")).isFalse();
                }
            }
        } finally {
            for (HazelcastInstance member : new HazelcastInstance[] {a, b, data}) {
                if (member != null) {
                    member.shutdown();
                }
            }
        }
    }

    @Test
    void coordinatorThatLeavesFreesWhatItHeldForTheOthersAtOnce() throws Exception {
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        String name = "gridexec-test-" + UUID.randomUUID();
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        HazelcastInstance data = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings(name, ports.get(0), members),
                name + "-data", false, MemberAttributes.node("node-0", 2, Mode.THREADS)));
        HazelcastInstance a = null;
        HazelcastInstance b = null;
        try {
            a = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings(name, ports.get(1), members), name + "-a", true,
                    MemberAttributes.coordinator("coord-a")));
            b = Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings(name, ports.get(2), members), name + "-b", true,
                    MemberAttributes.coordinator("coord-b")));
            data.getMap(ClusterConfigs.RESERVATIONS_MAP).set("job-of-a", "coord-a\nnode-0=2");
            CountDownLatch freed = new CountDownLatch(1);
            CountDownLatch aLeft = new CountDownLatch(1);
            b.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
                @Override
                public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
                }

                @Override
                public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
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
        } finally {
            for (HazelcastInstance member : new HazelcastInstance[] {a, b, data}) {
                if (member != null && member.getLifecycleService().isRunning()) {
                    member.shutdown();
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
