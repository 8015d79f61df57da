package dev.gridexec.cluster;

import dev.gridexec.trust.Seal;
import java.io.Serializable;

/**
 * A command sent to a member, signed with the sender's {@link Seal} when it is made: the member acts on it only when
 * {@link #admitted} (always without a cluster secret; with one, when the signature matches). Serializable, so that the
 * signature travels with the command.
 */
abstract class SignedOnMember extends OnMember implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] mac;

    /** Signs the command of kind {@code kind} about {@code key}, over {@code parts}, with {@code seal} (the sender's). */
    SignedOnMember(Seal seal, String kind, String key, byte[]... parts) {
        this.mac = seal.sign(kind, key, parts);
    }

    /** Whether the member this runs on may act on the command: the signature matches what it was signed over. */
    final boolean admitted(String kind, String key, byte[]... parts) {
        return Seal.of(hazelcast()).admits(kind, key, mac, parts);
    }
}
