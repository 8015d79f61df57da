package dev.gridexec.trust;

import java.util.UUID;

/**
 * How a member proves it belongs: asked with a fresh random challenge, it answers the HMAC-SHA256, under the
 * {@link ClusterSecret}, of the challenge and its own Hazelcast member id. A member without the secret cannot answer,
 * and an answer seen once is worth nothing later (the next challenge differs) nor for another member (the id differs).
 * A challenge, not a fixed proof in the member's attributes: every member can read every member's attributes (so a fixed
 * proof could be copied), and Hazelcast gives a member a new id when it rejoins after a split, after its attributes are fixed.
 */
public final class MemberProof {

    /** Bytes of a challenge. */
    public static final int CHALLENGE_BYTES = 32;
    private static final byte[] PURPOSE = ClusterSecret.utf8("gridexec member proof v1");

    private MemberProof() {
    }

    /** A fresh random challenge. */
    public static byte[] challenge() {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        Randomness.RANDOM.nextBytes(challenge);
        return challenge;
    }

    /** What member {@code member} answers to {@code challenge}. */
    public static byte[] answer(ClusterSecret secret, byte[] challenge, UUID member) {
        return secret.mac(PURPOSE, challenge, ClusterSecret.utf8(member.toString()));
    }

    /** Whether {@code answer} is member {@code member}'s right answer to {@code challenge} (compared in constant time). */
    public static boolean verify(ClusterSecret secret, byte[] challenge, UUID member, byte[] answer) {
        return secret.verify(answer, PURPOSE, challenge, ClusterSecret.utf8(member.toString()));
    }

    /** One strong random source for the process. */
    private static final class Randomness {
        static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    }
}
