package dev.gridexec.coordinator;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.jobstore.JobStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the jobs of coordinators that left. A job is an orphan when its record has not ended and its owner is
 * no coordinator in the cluster now. Every coordinator computes the same rule: the oldest coordinator member adopts
 * orphans at once; the others adopt an orphan they have seen orphaned for {@link #GRACE} (an oldest member that does
 * not adopt, being busy or of an older version, holds no job for long). Besides, a coordinator that starts adopts the
 * jobs recorded under its own name (it is their owner restarted: nobody runs them). The claim is a compare-and-set on
 * the record, so one coordinator wins a job.
 *
 * <p>It looks when it starts, when a coordinator leaves, and every {@link #EVERY} (a safety net for a missed event, or
 * an adopter that left mid-adoption).
 */
final class Adopter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Adopter.class);
    static final Duration EVERY = Duration.ofSeconds(5);
    /** How long a coordinator other than the oldest leaves an orphan to the oldest. */
    static final Duration GRACE = Duration.ofSeconds(10);

    /**
     * The order orphans are adopted in, so that they queue again as they stood: the jobs that were running first (they
     * held their workers), then by priority and acceptance, as the admission queue orders them.
     */
    static final Comparator<JobRecord> RESUME_ORDER = Comparator
            .comparing((JobRecord r) -> r.state() != JobState.RUNNING)
            .thenComparing(r -> -r.task().priority())
            .thenComparing(r -> r.acceptedAt() == null ? "" : r.acceptedAt());

    private final HazelcastInstance hazelcast;
    private final String me;
    private final JobStore store;
    private final StoredJobService service;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridexec-adopter");
        t.setDaemon(true);
        return t;
    });
    private final UUID registration;
    private final java.util.function.Predicate<Member> proven;
    private final java.util.Map<String, Long> orphanedSince = new java.util.HashMap<>(); // job id → nanoTime first seen; adopter thread

    /** @param afterLeave runs when a coordinator has left (after its jobs were looked for): clears what it held */
    Adopter(HazelcastInstance hazelcast, String me, JobStore store, StoredJobService service, Runnable afterLeave) {
        this(hazelcast, me, store, service, afterLeave, member -> true);
    }

    /**
     * @param afterLeave runs when a coordinator has left (after its jobs were looked for): clears what it held
     * @param proven     which members count as coordinators when they announce that role (those that proved they belong):
     *                   a member that cannot prove it neither keeps a coordinator's jobs from adoption by taking its name,
     *                   nor holds off adoption by being the oldest
     */
    Adopter(HazelcastInstance hazelcast, String me, JobStore store, StoredJobService service, Runnable afterLeave,
            java.util.function.Predicate<Member> proven) {
        this.hazelcast = hazelcast;
        this.proven = proven;
        this.me = me;
        this.store = store;
        this.service = service;
        refuseTakenName();
        lookSafely(); // before the API answers: this coordinator's own jobs from an earlier life run again first
        this.registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                if (MemberAttributes.isCoordinator(event.getMember())) {
                    LOG.info("coordinator {} left; looking for its jobs", event.getMember().getAttribute(MemberAttributes.NAME));
                    thread.execute(() -> {
                        lookSafely();
                        try {
                            afterLeave.run();
                        } catch (RuntimeException e) {
                            LOG.warn("clearing what the coordinator that left held failed: {}", e.toString());
                        }
                    });
                }
            }
        });
        long every = EVERY.toMillis();
        thread.scheduleWithFixedDelay(this::lookSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Two coordinators of one name would each take the other's jobs for their own. */
    private void refuseTakenName() {
        Member local = hazelcast.getCluster().getLocalMember();
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (!member.localMember() && MemberAttributes.isCoordinator(member) && me.equals(member.getAttribute(MemberAttributes.NAME))
                    && proven.test(member)) {
                throw new IllegalStateException("another coordinator named " + me + " is in the cluster (at " + member.getAddress()
                        + "); give each coordinator a name of its own (setting name)");
            }
        }
        Objects.requireNonNull(local);
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            LOG.warn("looking for jobs to adopt failed (tried again in {} s): {}", EVERY.toSeconds(), e.toString());
        }
    }

    private void look() {
        if (!MemberAttributes.hasDataMember(hazelcast.getCluster())) {
            LOG.debug("no node in the cluster yet: no jobs to look for");
            return;
        }
        Set<String> live = new LinkedHashSet<>();
        String oldest = null;
        for (Member member : hazelcast.getCluster().getMembers()) { // oldest first
            if (member.localMember() || MemberAttributes.isCoordinator(member) && proven.test(member)) {
                String name = member.localMember() ? me : member.getAttribute(MemberAttributes.NAME);
                live.add(name);
                if (oldest == null) {
                    oldest = name;
                }
            }
        }
        boolean eldest = me.equals(oldest);
        long nowNanos = System.nanoTime();
        Set<String> orphans = new java.util.HashSet<>();
        for (JobRecord record : store.all().stream().sorted(RESUME_ORDER).toList()) {
            String owner = record.owner();
            boolean mine = me.equals(owner);
            boolean orphan = owner == null || !live.contains(owner);
            if (record.state().terminal() || service.runsHere(record.id()) || !(mine || orphan)) {
                continue;
            }
            orphans.add(record.id());
            long since = orphanedSince.computeIfAbsent(record.id(), id -> nowNanos);
            if (!mine && !eldest && nowNanos - since < GRACE.toNanos()) {
                continue;
            }
            store.claim(record.id(),
                            now -> !now.state().terminal() && Objects.equals(now.owner(), owner) && !service.runsHere(now.id()),
                            now -> now.adoptedBy(me))
                    .ifPresent(claimed -> {
                        LOG.info("adopting job {} ({}) from {}", claimed.id(), claimed.state(), owner == null ? "no owner" : owner);
                        service.adopt(claimed);
                    });
        }
        orphanedSince.keySet().retainAll(orphans);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            hazelcast.getCluster().removeMembershipListener(registration);
        } catch (RuntimeException e) {
            LOG.debug("membership listener not removed (the member is shutting down): {}", e.toString());
        }
    }
}
