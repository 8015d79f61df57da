package dev.gridexec.cluster;

import dev.gridexec.trust.MemberProof;
import dev.gridexec.trust.Seal;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a member to prove that it belongs ({@link MemberProof}): it answers the HMAC of {@code challenge} and its own
 * member id under the cluster secret, or nothing (an empty answer) when it has no secret. Sent on an executor of its own
 * ({@link ClusterConfigs#PROOF_EXECUTOR}) by the coordinators before they list a member, send it work or count it as a
 * coordinator.
 */
public final class ProveMember extends OnMember implements Callable<byte[]>, Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] challenge;

    public ProveMember(byte[] challenge) {
        this.challenge = challenge.clone();
    }

    @Override
    public byte[] call() {
        return Seal.of(hazelcast()).secret()
                .map(secret -> MemberProof.answer(secret, challenge, hazelcast().getCluster().getLocalMember().getUuid()))
                .orElse(new byte[0]);
    }
}
