package dev.gridexec.members;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.ProveMember;
import dev.gridexec.trust.ClusterSecret;
import dev.gridexec.trust.MemberProof;
import dev.gridexec.trust.Seal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which members have proved that they belong ({@link MemberProof}): each other member is challenged once (on the
 * proof executor, {@link ProveMember}) the first time it is looked at, and its verdict kept while it stays in the
 * cluster. A member that answers wrongly (it has no secret, or another one) is unproven for as long as it stays, and
 * logged once; one that does not answer within {@link #ANSWER_TIMEOUT_MS} counts as unproven and is asked again after
 * {@link #RETRY_AFTER_MS}. Unproven members are never listed as nodes, sent work, or counted as coordinators.
 * Without a cluster secret every member counts as proven (members are not authenticated).
 */
public final class MemberProofs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberProofs.class);
    /** How long a member has to answer its challenge. */
    static final long ANSWER_TIMEOUT_MS = 2_000;
    /** How long after an unanswered challenge a member is asked again. */
    static final long RETRY_AFTER_MS = 10_000;
    /** Verdicts of members that left are kept until there are this many more verdicts than members. */
    private static final int LEFT_KEPT = 64;

    private final HazelcastInstance hazelcast;
    private final Optional<ClusterSecret> secret;
    private final Map<UUID, Challenge> challenges = new ConcurrentHashMap<>();

    /** One challenge to one member: its verdict completes true or false when the member answers. */
    private record Challenge(CompletableFuture<Boolean> verdict, long startedNanos) {
        boolean unanswered(long nowNanos) {
            return !verdict.isDone() && nowNanos - startedNanos > TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MS)
                    || verdict.isCompletedExceptionally();
        }
    }

    public MemberProofs(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.secret = Seal.of(hazelcast).secret();
    }

    /** Whether members are authenticated at all (the cluster has a secret). */
    public boolean active() {
        return secret.isPresent();
    }

    /** Whether {@code member} has proved that it belongs, waiting at most {@link #ANSWER_TIMEOUT_MS} for its answer. */
    public boolean proven(Member member) {
        CompletableFuture<Boolean> verdict = verdict(member);
        try {
            return verdict.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** {@code member}'s verdict, asked for when it has none (or its last challenge went unanswered long enough ago). */
    public CompletableFuture<Boolean> verdict(Member member) {
        if (secret.isEmpty() || member.localMember()) {
            return CompletableFuture.completedFuture(true);
        }
        long now = System.nanoTime();
        forgetLeft();
        return challenges.compute(member.getUuid(), (uuid, before) ->
                before == null || before.unanswered(now) && now - before.startedNanos > TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_MS)
                        ? challenge(member, now) : before).verdict;
    }

    /**
     * Whether {@code member} had proved that it belongs when last asked (never asks; true without a secret): for a member
     * that has just left, so that the news of a rogue's leaving under a node's name is not taken for the node's.
     */
    public boolean wasProven(Member member) {
        if (secret.isEmpty() || member.localMember()) {
            return true;
        }
        Challenge challenge = challenges.get(member.getUuid());
        return challenge != null && challenge.verdict.isDone() && !challenge.verdict.isCompletedExceptionally()
                && challenge.verdict.join();
    }

    /** Drops the verdicts of members that have left, once there are clearly more verdicts than members. */
    private void forgetLeft() {
        if (challenges.size() <= LEFT_KEPT) {
            return;
        }
        java.util.Set<UUID> present = new java.util.HashSet<>();
        hazelcast.getCluster().getMembers().forEach(member -> present.add(member.getUuid()));
        if (challenges.size() > present.size() + LEFT_KEPT) {
            challenges.keySet().retainAll(present);
        }
    }

    private Challenge challenge(Member member, long now) {
        byte[] challenge = MemberProof.challenge();
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        try {
            hazelcast.getExecutorService(ClusterConfigs.PROOF_EXECUTOR).submitToMember(new ProveMember(challenge), member,
                    new ExecutionCallback<byte[]>() {
                        @Override
                        public void onResponse(byte[] answer) {
                            boolean ok = MemberProof.verify(secret.get(), challenge, member.getUuid(), answer);
                            if (!ok) {
                                LOG.warn("member {} at {} did not prove that it belongs (no cluster secret, or another one):"
                                        + " it is not listed, sent work nor counted as a coordinator", describe(member),
                                        member.getAddress());
                            }
                            verdict.complete(ok);
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            LOG.debug("member {} at {} could not be asked to prove that it belongs: {}", describe(member),
                                    member.getAddress(), t.toString());
                            verdict.completeExceptionally(t);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("member {} could not be asked to prove that it belongs: {}", member.getAddress(), e.toString());
            verdict.completeExceptionally(e);
        }
        return new Challenge(verdict, now);
    }

    private static String describe(Member member) {
        String name = member.getAttribute(dev.gridexec.cluster.MemberAttributes.NAME);
        return name == null ? member.getUuid().toString() : "\"" + name.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    /** Nothing to release (kept so that owners close it as the proofs of one coordinator's life). */
    @Override
    public void close() {
    }
}
