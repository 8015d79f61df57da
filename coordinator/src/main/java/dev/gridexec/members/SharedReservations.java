package dev.gridexec.members;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.partition.NoDataMemberInClusterException;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.members.ReservationMirror.Held;
import dev.gridexec.scheduler.ClusterLoad;
import dev.gridexec.trust.Seal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers every coordinator's running jobs hold on the nodes, in the cluster's map {@code gridexec-reservations}
 * (job id to its owner and workers per node), mirrored in memory ({@link ReservationMirror}: one read of the map, then
 * an entry listener, what it hears winning over what the read found) so that admission reads it without a network
 * call. What a coordinator that is no longer in the cluster held counts for nothing (its jobs are adopted and reserved
 * again by the adopter). When another coordinator frees workers, {@code onFreed} runs, so that
 * jobs queued here start at once.
 *
 * <p>Two coordinators admitting at the same moment can both count workers the other is taking in that moment: the
 * node's own capacity still bounds what runs at once (its workers serve all its jobs in turn), so the cost of that
 * race is sharing, never a failure.
 */
public final class SharedReservations implements ClusterLoad, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedReservations.class);

    private final HazelcastInstance hazelcast;
    private final String me;
    private final IMap<String, String> map;
    private final ReservationMirror mirror = new ReservationMirror();
    private final UUID registration;
    private volatile Runnable onFreed = () -> { };
    private final Executor notifier;
    private final Predicate<Member> proven;
    private final Seal seal;

    /** @param notifier where {@code onFreed} runs (never on the caller's or the listener's thread) */
    public SharedReservations(HazelcastInstance hazelcast, String me, Executor notifier) {
        this(hazelcast, me, notifier, member -> true);
    }

    /**
     * @param notifier where {@code onFreed} runs (never on the caller's or the listener's thread)
     * @param proven   which members count as coordinators when they announce that role ({@link MemberProofs#proven})
     */
    public SharedReservations(HazelcastInstance hazelcast, String me, Executor notifier, Predicate<Member> proven) {
        this.hazelcast = hazelcast;
        this.proven = proven;
        this.seal = Seal.of(hazelcast);
        this.me = me;
        this.notifier = notifier;
        this.map = hazelcast.getMap(ClusterConfigs.RESERVATIONS_MAP);
        mirror.startReading(); // what the listener hears from now on wins over what the read below finds
        this.registration = map.addEntryListener(new Mirror(), true);
        try {
            mirrorWhatIsHeld();
        } finally {
            mirror.doneReading();
        }
    }

    /** Mirrors the reservations held now, and drops those under this coordinator's own name (a former process's). */
    private void mirrorWhatIsHeld() {
        if (!MemberAttributes.hasDataMember(hazelcast.getCluster())) {
            // No node has joined yet (a coordinator may start first): nothing is held, and what is held later arrives
            // through the listener.
            LOG.debug("no data member in the cluster yet: no reservations to mirror");
            return;
        }
        try {
            Map<String, String> formerSelf = new HashMap<>();
            map.forEach((job, text) -> open(job, text).ifPresent(held -> {
                if (held.owner().equals(me)) {
                    formerSelf.put(job, text);
                } else {
                    mirror.read(job, held);
                }
            }));
            // A coordinator holds nothing when it starts: what its name holds is a former process's (one that ended
            // before the others forgot what it held, or whose last hold reached them after they had). Left in place it
            // would count against every other coordinator for as long as this one lives; its jobs, if any, are adopted
            // and held anew.
            formerSelf.forEach((job, text) -> {
                map.remove(job, text);
                LOG.info("job {}: a reservation an earlier coordinator {} left behind is dropped", job, me);
            });
        } catch (NoDataMemberInClusterException e) {
            LOG.debug("the last node left while the reservations were read: none to mirror");
        }
    }

    /** Runs {@code onFreed} whenever another coordinator frees workers (a job of theirs ended, or left with them). */
    public void onFreed(Runnable onFreed) {
        this.onFreed = onFreed;
    }

    @Override
    public Map<String, Integer> heldElsewhere() {
        Set<String> others = liveCoordinators(proven);
        others.remove(me);
        return mirror.workersOf(others);
    }

    @Override
    public void hold(String jobId, Map<String, Integer> workersPerNode) {
        Held held = new Held(me, new LinkedHashMap<>(workersPerNode));
        mirror.put(jobId, held);
        try {
            map.setAsync(jobId, seal.seal(ClusterConfigs.RESERVATIONS_MAP, jobId, held.text()));
        } catch (RuntimeException e) {
            LOG.debug("job {}: its reservation is not shared: {}", jobId, e.toString());
        }
    }

    @Override
    public void release(String jobId) {
        mirror.remove(jobId);
        try {
            map.deleteAsync(jobId);
        } catch (RuntimeException e) {
            LOG.debug("job {}: its reservation stays until its owner leaves: {}", jobId, e.toString());
        }
    }

    /**
     * Forgets what coordinators that left held (their jobs are adopted and reserved anew): here at once, so that a
     * coordinator that comes back under the same name finds nothing of its former process counted, and in the map.
     */
    public void forgetLeft() {
        List<Map.Entry<String, Held>> gone = mirror.forgetAllBut(liveCoordinators(member -> true));
        for (Map.Entry<String, Held> entry : gone) {
            try {
                map.remove(entry.getKey(), seal.seal(ClusterConfigs.RESERVATIONS_MAP, entry.getKey(), entry.getValue().text()));
            } catch (RuntimeException e) {
                LOG.debug("a reservation of {} that left stays: {}", entry.getValue().owner(), e.toString());
            }
        }
        if (!gone.isEmpty()) { // the map's removal events find nothing left to free here: say it now
            notifier.execute(() -> onFreed.run());
        }
    }

    /** This coordinator and the names of the coordinators in the cluster that {@code counted} admits. */
    private Set<String> liveCoordinators(Predicate<Member> counted) {
        Set<String> live = new HashSet<>();
        live.add(me);
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (MemberAttributes.isCoordinator(member) && counted.test(member)) {
                live.add(member.getAttribute(MemberAttributes.NAME));
            }
        }
        return live;
    }

    /** A stored reservation, unless its seal is refused or it does not parse (then it holds nothing). */
    private Optional<Held> open(String jobId, String stored) {
        try {
            return seal.open(ClusterConfigs.RESERVATIONS_MAP, jobId, stored).map(Held::parse);
        } catch (RuntimeException e) {
            LOG.debug("job {}: its reservation does not parse and holds nothing: {}", jobId, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            map.removeEntryListener(registration);
        } catch (RuntimeException e) {
            LOG.debug("reservation listener not removed (the member is shutting down): {}", e.toString());
        }
    }

    /** Keeps the mirror; tells the scheduler when another coordinator's workers come free. */
    private final class Mirror implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
            EntryRemovedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            open(event.getKey(), event.getValue()).ifPresent(held -> mirror.put(event.getKey(), held));
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            open(event.getKey(), event.getValue()).ifPresentOrElse(held -> mirror.put(event.getKey(), held),
                    () -> mirror.remove(event.getKey()));
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            Held gone = mirror.remove(event.getKey());
            if (gone != null && !gone.owner().equals(me)) {
                notifier.execute(() -> onFreed.run());
            }
        }
    }
}
